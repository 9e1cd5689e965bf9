package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.ScalerReading;
import org.junit.jupiter.api.Test;

class ActivationTest {

    @Test
    void activeOnlyAboveActivationValue() {
        assertThat(RabbitMqScaler.reading(0, 0)).isEqualTo(new ScalerReading(0, false));
        assertThat(RabbitMqScaler.reading(1, 0)).isEqualTo(new ScalerReading(1, true));
        assertThat(RabbitMqScaler.reading(10, 10)).isEqualTo(new ScalerReading(10, false));
        assertThat(RabbitMqScaler.reading(10.5, 10)).isEqualTo(new ScalerReading(10.5, true));
    }
}
