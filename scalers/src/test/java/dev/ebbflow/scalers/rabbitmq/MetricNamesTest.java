package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void plainQueueName() {
        assertThat(MetricNames.forQueue(0, "orders")).isEqualTo("s0-rabbitmq-orders");
        assertThat(MetricNames.forQueue(3, "sample")).isEqualTo("s3-rabbitmq-sample");
    }

    @Test
    void slashesAreEscapedThenNormalisedAsKedaDoes() {
        assertThat(MetricNames.forQueue(1, "namespace/name")).isEqualTo("s1-rabbitmq-namespace-2Fname");
    }

    @Test
    void dotsColonsAndParenthesesBecomeDashes() {
        assertThat(MetricNames.forQueue(0, "orders.eu")).isEqualTo("s0-rabbitmq-orders-eu");
        assertThat(dev.ebbflow.scalers.MetadataMetricNames.normalize("/.:%()input")).isEqualTo("------input");
        assertThat(MetricNames.forQueue(0, "a b~c*")).isEqualTo("s0-rabbitmq-a+b~c-2A");
        assertThat(MetricNames.forQueue(0, "^.*incoming$")).isEqualTo("s0-rabbitmq--5E--2Aincoming-24");
    }
}
