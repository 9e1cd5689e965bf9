package dev.ebbflow.scalers.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ResourceMetric;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceScalerFactoryTest {

    private static Scaler cpu(MetricTargetType metricType, Map<String, String> metadata) throws ScalerConfigException {
        return new ResourceScalerFactory.Cpu().create(new TriggerConfig(1, "cpu", null, metadata, Map.of(), null, metricType));
    }

    @Test
    void utilizationAsAResourceMetric() throws Exception {
        Scaler s = cpu(MetricTargetType.UTILIZATION, Map.of("value", "60"));
        assertThat(s.metricSpec().isResource()).isTrue();
        assertThat(s.metricSpec().metricName()).isEqualTo("cpu");
        assertThat(s.metricSpec().resource()).isEqualTo(new ResourceMetric("cpu", null, 60, null));
    }

    @Test
    void averageValueWithContainer() throws Exception {
        Scaler s = new ResourceScalerFactory.Memory().create(new TriggerConfig(0, "memory", null,
                Map.of("value", "512Mi", "containerName", "app"), Map.of(), null, MetricTargetType.AVERAGE_VALUE));
        assertThat(s.metricSpec().resource()).isEqualTo(new ResourceMetric("memory", "app", null, "512Mi"));
        assertThat(s.metricSpec().targetType()).isEqualTo(MetricTargetType.AVERAGE_VALUE);
    }

    @Test
    void deprecatedMetadataTypeStillReads() throws Exception {
        assertThat(cpu(null, Map.of("type", "Utilization", "value", "50")).metricSpec().resource().averageUtilization()).isEqualTo(50);
    }

    @Test
    void typeMustBeSetExactlyOnceAndNotValue() {
        assertThatThrownBy(() -> cpu(null, Map.of("value", "50"))).isInstanceOf(ScalerConfigException.class)
                .extracting(e -> ((ScalerConfigException) e).field()).isEqualTo("metricType");
        assertThatThrownBy(() -> cpu(MetricTargetType.UTILIZATION, Map.of("type", "Utilization", "value", "50")))
                .hasMessageContaining("must not both be set");
        assertThatThrownBy(() -> cpu(MetricTargetType.VALUE, Map.of("value", "50"))).hasMessageContaining("got Value");
    }

    @Test
    void valueIsCheckedPerType() {
        assertThatThrownBy(() -> cpu(MetricTargetType.UTILIZATION, Map.of())).hasMessage("metadata.value is required");
        assertThatThrownBy(() -> cpu(MetricTargetType.UTILIZATION, Map.of("value", "60%"))).hasMessageStartingWith("metadata.value");
        assertThatThrownBy(() -> cpu(MetricTargetType.AVERAGE_VALUE, Map.of("value", "lots"))).hasMessageStartingWith("metadata.value");
    }

    @Test
    void neverPolled() throws Exception {
        Scaler s = cpu(MetricTargetType.UTILIZATION, Map.of("value", "60"));
        assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessageContaining("resource metrics API");
    }
}
