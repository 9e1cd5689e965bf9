package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScalerRegistryTest {

    /** A factory whose scalers are never read: only which configs it accepts matters here. */
    private record Factory(String type, Set<MetricTargetType> served) implements ScalerFactory {
        @Override
        public Set<MetricTargetType> metricTypes() {
            return served == null ? ScalerFactory.super.metricTypes() : served;
        }

        @Override
        public Scaler create(TriggerConfig config) {
            return new Scaler() {
                @Override
                public MetricSpec metricSpec() {
                    return new MetricSpec("s0-" + type, 1, 0, config.metricType());
                }

                @Override
                public ScalerReading read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private static TriggerConfig config(String type, MetricTargetType metricType) {
        return new TriggerConfig(0, type, null, Map.of(), Map.of(), null, metricType);
    }

    @Test
    void aMetricTypeTheFactoryDoesNotServeIsRefusedOnTheMetricTypeField() throws Exception {
        ScalerRegistry registry = new ScalerRegistry(List.of(new Factory("queue", null), new Factory("cpu",
                EnumSet.of(MetricTargetType.UTILIZATION, MetricTargetType.AVERAGE_VALUE))));

        assertThatThrownBy(() -> registry.create(config("queue", MetricTargetType.UTILIZATION))).isInstanceOf(ScalerConfigException.class)
                .hasMessage("'Utilization' is not supported by the queue trigger; supported: [AverageValue, Value]")
                .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metricType"));
        assertThat(registry.create(config("queue", MetricTargetType.VALUE)).metricSpec().targetType()).isEqualTo(MetricTargetType.VALUE);
        assertThat(registry.create(config("cpu", MetricTargetType.UTILIZATION)).metricSpec().targetType()).isEqualTo(MetricTargetType.UTILIZATION);
        assertThatThrownBy(() -> registry.create(config("cpu", MetricTargetType.VALUE))).hasMessageContaining("supported: [AverageValue, Utilization]");
    }

    @Test
    void theInstalledCpuAndMemoryTriggersServeUtilizationAndAverageValueButNotValue() throws Exception {
        try (ScalerRegistry registry = ScalerRegistry.loadInstalled()) {
            for (String type : List.of("cpu", "memory")) {
                TriggerConfig utilization = new TriggerConfig(0, type, null, Map.of("value", "60"), Map.of(), null, MetricTargetType.UTILIZATION);
                assertThat(registry.create(utilization).metricSpec().targetType()).isEqualTo(MetricTargetType.UTILIZATION);
                assertThatThrownBy(() -> registry.create(config(type, MetricTargetType.VALUE)))
                        .satisfies(e -> assertThat(((ScalerConfigException) e).field()).isEqualTo("metricType"));
            }
        }
    }
}
