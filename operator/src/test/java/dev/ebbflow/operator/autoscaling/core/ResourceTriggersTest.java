package dev.ebbflow.operator.autoscaling.core;

import static dev.ebbflow.operator.autoscaling.core.Specs.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.core.hpa.ExternalMetricTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KEDA's rules for cpu and memory triggers: never polled, never active alone, and a ScaledObject of only those never idles. */
class ResourceTriggersTest {

    private static final TriggerOutcome IDLE = TriggerOutcome.reading(0, false);
    private static final TriggerOutcome ACTIVE = TriggerOutcome.reading(10, true);
    private static final TriggerOutcome CPU = TriggerOutcome.notPolled();

    private static ScaleDecision decide(Specs spec, int current, long now, TriggerOutcome... outcomes) {
        ScalingState state = new ScalingState(CREATED, CREATED, Map.of(), null, null, false);
        return ScaleLoop.decide(spec.build(), current, List.of(outcomes), state, PauseState.NONE, CREATED.plusSeconds(now));
    }

    @Test
    void cpuBesideAQueueDoesNotKeepTheTargetUp() {
        Specs spec = Specs.defaults().withTriggers(Specs.rabbit(0, null), Specs.cpu(60));
        ScaleDecision d = decide(spec, 3, 1000, IDLE, CPU);
        assertThat(d.active()).isFalse();
        assertThat(d.targetReplicas()).isZero();
        assertThat(d.reason()).isEqualTo(ScaleReason.DEACTIVATE);
    }

    @Test
    void theQueueStillActivatesBesideCpu() {
        Specs spec = Specs.defaults().withTriggers(Specs.cpu(60), Specs.rabbit(1, null));
        ScaleDecision d = decide(spec, 0, 10, CPU, ACTIVE);
        assertThat(d.targetReplicas()).isEqualTo(1);
        assertThat(d.activeTriggers()).containsExactly("s1-rabbitmq-q1");
    }

    @Test
    void onlyCpuIsAlwaysActiveAndNeverScaledToZero() {
        Specs spec = Specs.defaults().withTriggers(Specs.cpu(60));
        ScaleDecision idleOne = decide(spec, 1, 100_000, CPU);
        assertThat(idleOne.active()).isTrue();
        assertThat(idleOne.targetReplicas()).isNull();
        ScaleDecision fromZero = decide(spec, 0, 10, CPU);
        assertThat(fromZero.targetReplicas()).isEqualTo(1);
    }

    @Test
    void cpuHasNoExternalMetricNorHealth() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, null), Specs.cpu(60))
                .fallback(3, 5, FallbackBehavior.STATIC).build();
        assertThat(ExternalMetrics.hpaMetrics(spec)).extracting(ExternalMetricTarget::metricName).containsExactly("s0-rabbitmq-q0");
        assertThat(ExternalMetrics.resourceMetrics(spec)).extracting(r -> r.name()).containsExactly("cpu");
        assertThat(ExternalMetrics.values(spec, List.of(IDLE, CPU), Map.of(), 1)).extracting(ServedMetric::metricName)
                .containsExactly("s0-rabbitmq-q0");
        assertThat(ScaleLoop.nextHealth(spec, List.of(IDLE, CPU), Map.of())).containsOnlyKeys("s0-rabbitmq-q0");
    }

    @Test
    void formulasSeeTheQueuesOnly() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "q"), Specs.cpu(60)).modifiers("q * 2", "5", null, null).build();
        assertThat(CompositeMetric.evaluate(spec, List.of(TriggerOutcome.reading(3, true), CPU)).value()).isEqualTo(6);
    }
}
