package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HpaActiveConditionTest {

    @Test
    void anHpaThatComputesReplicasIsActive() {
        assertThat(HpaActiveCondition.of("True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count"))
                .contains(new Condition("HPAActive", Condition.Status.TRUE, "HPAActive", null));
    }

    @Test
    void anHpaThatCannotReadItsMetricsIsFalseWithItsReasonInTheMessage() {
        assertThat(HpaActiveCondition.of("False", "FailedGetExternalMetric", "unable to get external metric apps/s0-rabbitmq-q"))
                .contains(new Condition("HPAActive", Condition.Status.FALSE, "HPAMetricsUnavailable",
                        "FailedGetExternalMetric: unable to get external metric apps/s0-rabbitmq-q"));
        assertThat(HpaActiveCondition.of("False", "FailedGetExternalMetric", ""))
                .hasValueSatisfying(c -> assertThat(c.message()).isEqualTo("FailedGetExternalMetric"));
    }

    @Test
    void scalingDisabledAtZeroReplicasIsHealthySinceTheOperatorOwnsZero() {
        assertThat(HpaActiveCondition.of("False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"))
                .contains(new Condition("HPAActive", Condition.Status.TRUE, "HPAScalingDisabled",
                        "scaling is disabled since the replica count of the target is zero"));
    }

    @Test
    void nothingIsSaidBeforeTheHpaReportsScalingActive() {
        assertThat(HpaActiveCondition.of(null, null, null)).isEmpty();
        assertThat(HpaActiveCondition.of("Unknown", "x", "y")).isEmpty();
    }
}
