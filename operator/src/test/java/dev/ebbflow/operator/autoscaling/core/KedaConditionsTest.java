package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KedaConditionsTest {

    @Test
    void initialConditionsAreUnknownButPausedIsFalse() {
        assertThat(KedaConditions.initial()).extracting(Condition::type).containsExactly("Ready", "Active", "Fallback", "Paused");
        assertThat(KedaConditions.initial()).extracting(Condition::status).containsExactly(Condition.Status.UNKNOWN, Condition.Status.UNKNOWN,
                Condition.Status.UNKNOWN, Condition.Status.FALSE);
    }

    @Test
    void readyConditionsUseKedaReasons() {
        assertThat(KedaConditions.ready().reason()).isEqualTo("ScaledObjectReady");
        Condition failed = KedaConditions.checkFailed("spec.minReplicaCount: must not be greater than maxReplicaCount (3), got 5");
        assertThat(failed.status().manifestName()).isEqualTo("False");
        assertThat(failed.reason()).isEqualTo("ScaledObjectCheckFailed");
        assertThat(failed.message()).startsWith("spec.minReplicaCount");
    }
}
