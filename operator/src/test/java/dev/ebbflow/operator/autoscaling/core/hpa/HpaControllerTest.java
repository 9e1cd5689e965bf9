package dev.ebbflow.operator.autoscaling.core.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.MetricTargetType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values are derived by hand from the Kubernetes HPA documentation's formulas. */
class HpaControllerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ExternalMetricTarget AVG5 = new ExternalMetricTarget("s0-rabbitmq-q", MetricTargetType.AVERAGE_VALUE, 5);
    private static final ExternalMetricTarget VALUE5 = new ExternalMetricTarget("s0-rabbitmq-q", MetricTargetType.VALUE, 5);
    private static final HpaBehavior FAST_UP = new HpaBehavior(new ScalingRules(0, null, List.of(ScalingPolicy.pods(100, 15)), null), null);

    private static HpaResult sync(HpaSpec spec, int current, double value, HpaState state, Instant now) {
        return HpaController.sync(spec, current, current, Map.of("s0-rabbitmq-q", value), state, now);
    }

    private static HpaSpec spec(ExternalMetricTarget metric, HpaBehavior behavior) {
        return new HpaSpec(1, 100, List.of(metric), behavior);
    }

    @Test
    void averageValueProposesValueOverTarget() {
        // KEDA docs: queue of 20, target 5 per pod -> 20 / 5 = 4 replicas, whatever the current count.
        HpaResult r = sync(spec(AVG5, null), 3, 20, HpaState.initial(), T0);
        assertThat(r.desiredReplicas()).isEqualTo(4);
        assertThat(r.rescale()).isTrue();
    }

    @Test
    void valueProposesCurrentTimesRatio() {
        // KEDA docs: 3 replicas, value 20, target 5 -> 3 * 20 / 5 = 12.
        HpaResult r = sync(spec(VALUE5, FAST_UP), 3, 20, HpaState.initial(), T0);
        assertThat(r.desiredReplicas()).isEqualTo(12);
    }

    @Test
    void defaultScaleUpLimitIsDoubleOrPlusFourWhicheverIsMore() {
        // 3 replicas: max(ceil(3 * 2), 3 + 4) = 7, although the metric asks for 12.
        HpaResult r = sync(spec(VALUE5, null), 3, 20, HpaState.initial(), T0);
        assertThat(r.desiredReplicas()).isEqualTo(7);
        assertThat(r.reason()).isEqualTo("ScaleUpLimit");
    }

    @Test
    void ratioWithinTenPercentToleranceKeepsCurrentCount() {
        // 4 replicas, 5 per pod: 21 -> ratio 1.05, inside the tolerance; 23 -> 1.15, ceil(23 / 5) = 5.
        assertThat(sync(spec(AVG5, null), 4, 21, HpaState.initial(), T0).rescale()).isFalse();
        assertThat(sync(spec(AVG5, null), 4, 19, HpaState.initial(), T0).rescale()).isFalse();
        assertThat(sync(spec(AVG5, null), 4, 23, HpaState.initial(), T0).desiredReplicas()).isEqualTo(5);
    }

    @Test
    void perDirectionToleranceWidensTheDeadBand() {
        HpaBehavior lenientUp = new HpaBehavior(new ScalingRules(null, null, null, 0.5), null);
        // ratio 28 / 20 = 1.4 is inside a 50 % scale-up tolerance.
        assertThat(sync(spec(AVG5, lenientUp), 4, 28, HpaState.initial(), T0).rescale()).isFalse();
        // scale-down keeps the default 10 %: 12 / 20 = 0.6 -> ceil(12 / 5) = 3, held by the 300 s window only
        // if older recommendations were higher; with no history it scales.
        assertThat(sync(spec(AVG5, lenientUp), 4, 12, HpaState.initial(), T0).desiredReplicas()).isEqualTo(3);
    }

    @Test
    void scaleDownIsStabilizedOverFiveMinutes() {
        HpaSpec spec = spec(AVG5, null);
        HpaResult r0 = sync(spec, 10, 50, HpaState.initial(), T0);
        assertThat(r0.rescale()).isFalse();
        HpaResult r1 = sync(spec, 10, 10, r0.state(), T0.plusSeconds(15));
        assertThat(r1.desiredReplicas()).as("the 10 recommended at T0 is still in the window").isEqualTo(10);
        HpaResult r2 = sync(spec, 10, 10, r1.state(), T0.plusSeconds(300));
        assertThat(r2.desiredReplicas()).as("T0 + 300 s: T0 is not after the cutoff, so it left the window").isEqualTo(2);
    }

    @Test
    void scaleUpEventsLimitTheNextPeriod() {
        HpaSpec spec = new HpaSpec(1, 100, List.of(new ExternalMetricTarget("m", MetricTargetType.AVERAGE_VALUE, 1)), null);
        HpaResult r0 = HpaController.sync(spec, 1, 1, Map.of("m", 100.0), HpaState.initial(), T0);
        assertThat(r0.desiredReplicas()).isEqualTo(5); // max(1 * 2, 1 + 4)
        HpaResult r1 = HpaController.sync(spec, 5, 5, Map.of("m", 100.0), r0.state(), T0.plusSeconds(10));
        assertThat(r1.rescale()).as("the +4 of T0 still counts: period start is 1, limit 5").isFalse();
        HpaResult r2 = HpaController.sync(spec, 5, 5, Map.of("m", 100.0), r1.state(), T0.plusSeconds(15));
        assertThat(r2.desiredReplicas()).as("period over: max(5 * 2, 5 + 4)").isEqualTo(10);
    }

    @Test
    void selectPolicyMinPicksTheSmallestChange() {
        HpaBehavior minUp = new HpaBehavior(new ScalingRules(0, SelectPolicy.MIN, null, null), null);
        HpaSpec spec = new HpaSpec(1, 100, List.of(AVG5), minUp);
        // 10 replicas: min(10 * 2, 10 + 4) = 14.
        assertThat(sync(spec, 10, 500, HpaState.initial(), T0).desiredReplicas()).isEqualTo(14);
    }

    @Test
    void podsPolicyLimitsScaleDownPerPeriod() {
        HpaBehavior slowDown = new HpaBehavior(null, new ScalingRules(0, null, List.of(ScalingPolicy.pods(2, 60)), null));
        HpaSpec spec = spec(AVG5, slowDown);
        HpaResult r0 = sync(spec, 10, 5, HpaState.initial(), T0);
        assertThat(r0.desiredReplicas()).isEqualTo(8);
        assertThat(r0.reason()).isEqualTo("ScaleDownLimit");
        assertThat(sync(spec, 8, 5, r0.state(), T0.plusSeconds(30)).rescale()).isFalse();
        assertThat(sync(spec, 8, 5, r0.state(), T0.plusSeconds(60)).desiredReplicas()).isEqualTo(6);
    }

    @Test
    void percentPolicyRoundsScaleDownFloorDown() {
        HpaBehavior halfDown = new HpaBehavior(null, new ScalingRules(0, null, List.of(ScalingPolicy.percent(50, 15)), null));
        // 5 replicas, 50 %: the floor is (int) (5 * 0.5) = 2.
        assertThat(sync(spec(AVG5, halfDown), 5, 1, HpaState.initial(), T0).desiredReplicas()).isEqualTo(2);
    }

    @Test
    void disabledDirectionNeverScales() {
        HpaBehavior noDown = new HpaBehavior(null, new ScalingRules(0, SelectPolicy.DISABLED, null, null));
        HpaBehavior noUp = new HpaBehavior(new ScalingRules(0, SelectPolicy.DISABLED, null, null), null);
        assertThat(sync(spec(AVG5, noDown), 10, 5, HpaState.initial(), T0).rescale()).isFalse();
        assertThat(sync(spec(AVG5, noUp), 2, 500, HpaState.initial(), T0).rescale()).isFalse();
        assertThat(sync(spec(AVG5, noDown), 2, 500, HpaState.initial(), T0).desiredReplicas()).isEqualTo(6);
    }

    @Test
    void clampsToMinAndMax() {
        HpaSpec spec = new HpaSpec(2, 6, List.of(AVG5), FAST_UP);
        assertThat(sync(spec, 4, 500, HpaState.initial(), T0).desiredReplicas()).isEqualTo(6);
        assertThat(sync(spec, 9, 500, HpaState.initial(), T0).reason()).isEqualTo("TooManyReplicas");
        assertThat(sync(spec, 1, 0, HpaState.initial(), T0).desiredReplicas()).isEqualTo(2);
    }

    @Test
    void zeroReplicasDisableScaling() {
        HpaResult r = sync(spec(AVG5, null), 0, 500, HpaState.initial(), T0);
        assertThat(r.rescale()).isFalse();
        assertThat(r.reason()).isEqualTo("ScalingDisabled");
    }

    @Test
    void anUnreadableMetricBlocksScaleDownButNotScaleUp() {
        ExternalMetricTarget other = new ExternalMetricTarget("s1-rabbitmq-other", MetricTargetType.AVERAGE_VALUE, 5);
        HpaSpec spec = new HpaSpec(1, 100, List.of(AVG5, other), FAST_UP);
        Map<String, Double> down = new HashMap<>(Map.of("s0-rabbitmq-q", 5.0));
        assertThat(HpaController.sync(spec, 4, 4, down, HpaState.initial(), T0).rescale()).isFalse();
        Map<String, Double> up = Map.of("s0-rabbitmq-q", 50.0, "s1-rabbitmq-other", Double.NaN);
        assertThat(HpaController.sync(spec, 4, 4, up, HpaState.initial(), T0).desiredReplicas()).isEqualTo(10);
        assertThat(HpaController.sync(spec, 4, 4, Map.of(), HpaState.initial(), T0).reason()).isEqualTo("FailedGetExternalMetric");
    }

    @Test
    void highestMetricProposalWins() {
        ExternalMetricTarget other = new ExternalMetricTarget("s1-rabbitmq-other", MetricTargetType.AVERAGE_VALUE, 10);
        HpaSpec spec = new HpaSpec(1, 100, List.of(AVG5, other), FAST_UP);
        Map<String, Double> values = Map.of("s0-rabbitmq-q", 20.0, "s1-rabbitmq-other", 70.0);
        assertThat(HpaController.sync(spec, 2, 2, values, HpaState.initial(), T0).desiredReplicas()).isEqualTo(7);
    }

    @Test
    void defaultsFollowTheKubernetesDocumentation() {
        HpaBehavior b = HpaBehavior.none().resolved();
        assertThat(b.scaleUp().stabilizationWindowSeconds()).isZero();
        assertThat(b.scaleUp().policies()).containsExactly(ScalingPolicy.percent(100, 15), ScalingPolicy.pods(4, 15));
        assertThat(b.scaleDown().stabilizationWindowSeconds()).isEqualTo(300);
        assertThat(b.scaleDown().policies()).containsExactly(ScalingPolicy.percent(100, 15));
        assertThat(b.scaleDown().selectPolicy()).isEqualTo(SelectPolicy.MAX);
        HpaBehavior partial = new HpaBehavior(null, new ScalingRules(60, null, null, null)).resolved();
        assertThat(partial.scaleDown().stabilizationWindowSeconds()).isEqualTo(60);
        assertThat(partial.scaleDown().policies()).containsExactly(ScalingPolicy.percent(100, 15));
    }
}
