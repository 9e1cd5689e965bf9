package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregationOperationTest {

    private static TriggerConfig withOperation(String operation) {
        return new TriggerConfig(0, "any", null, operation == null ? Map.of() : Map.of("operation", operation), Map.of(), null, null);
    }

    @Test
    void combinesMatchedEntities() {
        List<Double> values = List.of(3.0, 5.0, 0.0);
        assertThat(AggregationOperation.SUM.apply(values)).isEqualTo(8);
        assertThat(AggregationOperation.AVG.apply(values)).isEqualTo(8.0 / 3);
        assertThat(AggregationOperation.MAX.apply(values)).isEqualTo(5);
    }

    @Test
    void noMatchedEntityIsZero() {
        for (AggregationOperation o : AggregationOperation.values()) {
            assertThat(o.apply(List.of())).isZero();
        }
    }

    @Test
    void parsesKedaSpellingsWithSumAsDefault() throws Exception {
        assertThat(AggregationOperation.parse(withOperation(null))).isEqualTo(AggregationOperation.SUM);
        assertThat(AggregationOperation.parse(withOperation("Max"))).isEqualTo(AggregationOperation.MAX);
        assertThat(AggregationOperation.parse(withOperation(" avg "))).isEqualTo(AggregationOperation.AVG);
        assertThatThrownBy(() -> AggregationOperation.parse(withOperation("median")))
                .isInstanceOf(ScalerConfigException.class)
                .hasMessageStartingWith("metadata.operation")
                .extracting(e -> ((ScalerConfigException) e).field()).isEqualTo("metadata.operation");
    }
}
