package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RabbitMqMetricNameTest {

    @Test
    void plainQueueName() {
        assertThat(RabbitMqScalerFactory.metricName(0, "orders")).isEqualTo("s0-rabbitmq-orders");
        assertThat(RabbitMqScalerFactory.metricName(3, "sample")).isEqualTo("s3-rabbitmq-sample");
    }

    @Test
    void slashesAreEscapedThenNormalisedAsKedaDoes() {
        assertThat(RabbitMqScalerFactory.metricName(1, "namespace/name")).isEqualTo("s1-rabbitmq-namespace-2Fname");
    }

    @Test
    void dotsAndEscapedCharactersBecomeDashes() {
        assertThat(RabbitMqScalerFactory.metricName(0, "orders.eu")).isEqualTo("s0-rabbitmq-orders-eu");
        assertThat(RabbitMqScalerFactory.metricName(0, "a b~c*")).isEqualTo("s0-rabbitmq-a+b~c-2A");
        assertThat(RabbitMqScalerFactory.metricName(0, "^.*incoming$")).isEqualTo("s0-rabbitmq--5E--2Aincoming-24");
    }
}
