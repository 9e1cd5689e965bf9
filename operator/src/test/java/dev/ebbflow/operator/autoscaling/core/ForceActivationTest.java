package dev.ebbflow.operator.autoscaling.core;

import static dev.ebbflow.operator.autoscaling.core.Specs.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KEDA's {@code autoscaling.keda.sh/force-activation}: active whatever the triggers read. */
class ForceActivationTest {

    private static final TriggerOutcome IDLE = TriggerOutcome.reading(0, false);

    @Test
    void forceActivationScalesToMaxOfMinAndOneAndReportsActive() {
        PauseState forced = new PauseState(false, null, false, false, true);
        ScalingState state = new ScalingState(CREATED, CREATED, Map.of(), null, null, false);
        ScaleDecision fromZero = ScaleLoop.decide(Specs.defaults().build(), 0, List.of(IDLE), state, forced, CREATED.plusSeconds(10_000));
        assertThat(fromZero.targetReplicas()).isEqualTo(1);
        assertThat(fromZero.condition(KedaConditions.ACTIVE).status()).isEqualTo(Condition.Status.TRUE);
        ScaleDecision toMin = ScaleLoop.decide(Specs.defaults().replicas(null, 3, 10).build(), 0, List.of(IDLE), state, forced,
                CREATED.plusSeconds(10_000));
        assertThat(toMin.targetReplicas()).isEqualTo(3);
        ScaleDecision noScaleIn = ScaleLoop.decide(Specs.defaults().build(), 4, List.of(IDLE), state, forced, CREATED.plusSeconds(10_000));
        assertThat(noScaleIn.targetReplicas()).isNull();
        assertThat(noScaleIn.active()).isTrue();
    }
}
