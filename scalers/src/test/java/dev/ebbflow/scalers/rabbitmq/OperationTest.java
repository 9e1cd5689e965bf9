package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.ScalerReading;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationTest {

    @Test
    void combinesMatchedQueues() {
        List<Double> values = List.of(3.0, 5.0, 0.0);
        assertThat(Operation.SUM.apply(values)).isEqualTo(8);
        assertThat(Operation.AVG.apply(values)).isEqualTo(8.0 / 3);
        assertThat(Operation.MAX.apply(values)).isEqualTo(5);
    }

    @Test
    void noMatchedQueueIsZero() {
        for (Operation o : Operation.values()) {
            assertThat(o.apply(List.of())).isZero();
        }
    }

    @Test
    void activeOnlyAboveActivationValue() {
        assertThat(RabbitMqScaler.reading(0, 0)).isEqualTo(new ScalerReading(0, false));
        assertThat(RabbitMqScaler.reading(1, 0)).isEqualTo(new ScalerReading(1, true));
        assertThat(RabbitMqScaler.reading(10, 10)).isEqualTo(new ScalerReading(10, false));
        assertThat(RabbitMqScaler.reading(10.5, 10)).isEqualTo(new ScalerReading(10.5, true));
    }
}
