package dev.ebbflow.operator.autoscaling.core;

import static dev.ebbflow.operator.autoscaling.core.Specs.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaController;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaResult;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The scale loop and the HPA model together on a virtual clock, the way the simulator will run them:
 * the scale loop every pollingInterval (30 s), the HPA every 15 s, on a queue that fills at 120 s and
 * drains at 600 s. Every expected value follows from the documented rules (see the comments).
 */
class ScaleLoopWithHpaScenarioTest {

    @Test
    void activatesScalesOutAndBackToZero() {
        ScalingSpec spec = Specs.defaults().cooldown(60).replicas(null, 0, 10).build();
        ScalingState state = ScalingState.initial(CREATED);
        HpaState hpaState = HpaState.initial();
        int replicas = 0;
        Map<Long, Integer> timeline = new TreeMap<>();
        for (long t = 0; t <= 1200; t += 15) {
            Instant now = CREATED.plusSeconds(t);
            double queue = t >= 120 && t < 600 ? 40 : 0;
            TriggerOutcome outcome = TriggerOutcome.reading(queue, queue > 0);
            if (t % 30 == 0) {
                ScaleDecision d = ScaleLoop.decide(spec, replicas, List.of(outcome), state, PauseState.NONE, now);
                state = d.state();
                if (d.targetReplicas() != null) {
                    replicas = d.targetReplicas();
                }
            }
            HpaPlan plan = ScaleLoop.hpaPlan(spec, PauseState.NONE, queue > 0, replicas);
            HpaSpec hpa = new HpaSpec(plan.minReplicas(), plan.maxReplicas(), ExternalMetrics.hpaMetrics(spec), plan.behavior());
            ServedMetric served = ExternalMetrics.values(spec, List.of(outcome), state.health(), replicas).get(0);
            HpaResult r = HpaController.sync(hpa, replicas, replicas, Map.of(served.metricName(), served.value()), hpaState, now);
            hpaState = r.state();
            replicas = r.desiredReplicas();
            timeline.put(t, replicas);
        }
        assertThat(timeline.get(105L)).isZero();
        assertThat(timeline.get(120L)).as("poll at 120 activates to 1, then the HPA: ceil(40 / 5) = 8, limited to 1 + 4").isEqualTo(5);
        assertThat(timeline.get(135L)).as("the +4 of 120 s is not after the 15 s cutoff: max(5 * 2, 5 + 4) lets 8 through").isEqualTo(8);
        assertThat(timeline.get(585L)).isEqualTo(8);
        assertThat(timeline.get(630L)).as("last active at 570 s, 630 s is not strictly past the 60 s cooldown").isEqualTo(8);
        assertThat(timeline.get(660L)).as("cooldown over: the scale loop scales to zero, the HPA stays disabled").isZero();
        assertThat(timeline.get(1200L)).isZero();
    }
}
