package dev.ebbflow.scalers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void prefixesTheTriggerIndex() {
        assertThat(MetricNames.forTrigger(0, "aws-sqs-orders")).isEqualTo("s0-aws-sqs-orders");
        assertThat(MetricNames.forTrigger(12, "rabbitmq-q")).isEqualTo("s12-rabbitmq-q");
    }

    @Test
    void charactersMetricNamesCannotHoldBecomeDashes() {
        assertThat(MetricNames.normalize("/.:%()input")).isEqualTo("------input");
        assertThat(MetricNames.forTrigger(1, "aws-sqs-orders.fifo")).isEqualTo("s1-aws-sqs-orders-fifo");
    }

    @Test
    void queryEscapeFollowsGo() {
        assertThat(MetricNames.queryEscape("a b/c~d*é")).isEqualTo("a+b%2Fc~d%2A%C3%A9");
    }
}
