package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KedaConditionsTest {

    @Test
    void initialConditionsAreAllUnknown() {
        assertThat(KedaConditions.initial()).extracting(Condition::type).containsExactly("Ready", "Active", "Fallback", "Paused");
        assertThat(KedaConditions.initial()).allSatisfy(c -> assertThat(c.status()).isEqualTo(Condition.Status.UNKNOWN));
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
