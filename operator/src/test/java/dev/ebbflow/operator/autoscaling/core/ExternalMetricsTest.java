package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.autoscaling.core.hpa.ExternalMetricTarget;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaController;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaState;
import dev.ebbflow.scalers.MetricTargetType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExternalMetricsTest {

    private static final TriggerOutcome DOWN = TriggerOutcome.failure("broker unreachable");
    private static final Map<String, HealthStatus> FOUR_FAILURES = Map.of("s0-rabbitmq-q0", new HealthStatus(4, HealthStatus.State.FAILING));
    private static final Map<String, HealthStatus> THREE_FAILURES = Map.of("s0-rabbitmq-q0", new HealthStatus(3, HealthStatus.State.FAILING));

    @Test
    void servesEachTriggerReading() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b", MetricTargetType.VALUE)).build();
        List<ServedMetric> served = ExternalMetrics.values(spec, List.of(TriggerOutcome.reading(12, true), TriggerOutcome.reading(3.5, false)), Map.of(), 2);
        assertThat(served).containsExactly(new ServedMetric("s0-rabbitmq-a", 12, null, false), new ServedMetric("s1-rabbitmq-b", 3.5, null, false));
        assertThat(ExternalMetrics.hpaMetrics(spec)).containsExactly(
                new ExternalMetricTarget("s0-rabbitmq-a", MetricTargetType.AVERAGE_VALUE, 5),
                new ExternalMetricTarget("s1-rabbitmq-b", MetricTargetType.VALUE, 5));
    }

    @Test
    void aFailureBeforeTheThresholdIsServedAsAnError() {
        ScalingSpec spec = Specs.defaults().fallback(3, 6, null).build();
        ServedMetric m = ExternalMetrics.values(spec, List.of(DOWN), THREE_FAILURES, 2).get(0);
        assertThat(m.failed()).isTrue();
        assertThat(m.error()).isEqualTo("broker unreachable");
    }

    @Test
    void withoutFallbackAFailureIsAlwaysAnError() {
        assertThat(ExternalMetrics.values(Specs.defaults().build(), List.of(DOWN), FOUR_FAILURES, 2).get(0).failed()).isTrue();
    }

    @ParameterizedTest(name = "{0} with {1} current replicas -> {2} replicas")
    @CsvSource({
        "STATIC, 2, 6",
        "STATIC, 9, 6",
        "CURRENT_REPLICAS, 2, 2",
        "CURRENT_REPLICAS, 9, 9",
        "CURRENT_REPLICAS_IF_HIGHER, 2, 6",
        "CURRENT_REPLICAS_IF_HIGHER, 9, 9",
        "CURRENT_REPLICAS_IF_LOWER, 2, 2",
        "CURRENT_REPLICAS_IF_LOWER, 9, 6",
    })
    void pastTheThresholdServesTargetTimesFallbackReplicas(FallbackBehavior behavior, int current, int expectedReplicas) {
        ScalingSpec spec = Specs.defaults().fallback(3, 6, behavior).build();
        ServedMetric m = ExternalMetrics.values(spec, List.of(DOWN), FOUR_FAILURES, current).get(0);
        assertThat(m.fromFallback()).isTrue();
        assertThat(m.value()).isEqualTo(5.0 * expectedReplicas);
        assertThat(hpaDesired(spec, current, m.value())).isEqualTo(expectedReplicas);
    }

    @Test
    void valueMetricsAreNormalisedByTheCurrentReplicas() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, null, MetricTargetType.VALUE)).fallback(3, 6, null).build();
        ServedMetric m = ExternalMetrics.values(spec, List.of(DOWN), FOUR_FAILURES, 3).get(0);
        assertThat(m.value()).isEqualTo(5.0 * 6 / 3);
        assertThat(hpaDesired(spec, 3, m.value())).isEqualTo(6);
    }

    @Test
    void resourceTriggersAreNeverSubstituted() {
        ScalingSpec spec = Specs.defaults().withTriggers(new TriggerSpec("cpu", null,
                new dev.ebbflow.scalers.MetricSpec("s0-rabbitmq-q0", 50, 0, MetricTargetType.UTILIZATION))).fallback(3, 6, null).build();
        assertThat(ExternalMetrics.values(spec, List.of(DOWN), FOUR_FAILURES, 3).get(0).failed()).isTrue();
    }

    @Test
    void scalingModifiersServeOneCompositeMetric() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"))
                .modifiers("(a + b) / 2", "4", "1", "Value").build();
        assertThat(ExternalMetrics.hpaMetrics(spec)).containsExactly(new ExternalMetricTarget("composite-metric", MetricTargetType.VALUE, 4));
        List<ServedMetric> served = ExternalMetrics.values(spec, List.of(TriggerOutcome.reading(6, true), TriggerOutcome.reading(10, true)), Map.of(), 1);
        assertThat(served).containsExactly(new ServedMetric("composite-metric", 8, null, false));
    }

    @Test
    void compositeFailsWhenATriggerFails() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b")).modifiers("a + b", "4", null, null).build();
        ServedMetric m = ExternalMetrics.values(spec, List.of(TriggerOutcome.reading(6, true), DOWN), Map.of(), 1).get(0);
        assertThat(m.error()).contains("'b'").contains("broker unreachable");
    }

    @Test
    void compositeFallbackSkipsTheFormula() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"))
                .modifiers("a / 0", "4", null, "AverageValue").fallback(2, 3, null).build();
        Map<String, HealthStatus> health = Map.of("s1-rabbitmq-b", new HealthStatus(3, HealthStatus.State.FAILING));
        ServedMetric m = ExternalMetrics.values(spec, List.of(TriggerOutcome.reading(6, true), DOWN), health, 1).get(0);
        assertThat(m).isEqualTo(new ServedMetric("composite-metric", 12, null, true));
    }

    @Test
    void outcomesMustMatchTriggers() {
        assertThatThrownBy(() -> ExternalMetrics.values(Specs.defaults().build(), List.of(), Map.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What the HPA does with the served value, with scale-up unlimited for the check. */
    private static int hpaDesired(ScalingSpec spec, int current, double value) {
        HpaSpec hpa = new HpaSpec(1, 100, ExternalMetrics.hpaMetrics(spec), new dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior(
                new dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules(0, null,
                        List.of(dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy.pods(100, 15)), 0.0),
                new dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules(0, null, null, 0.0)));
        String name = ExternalMetrics.hpaMetrics(spec).get(0).metricName();
        return HpaController.sync(hpa, current, current, Map.of(name, value), HpaState.initial(), Instant.EPOCH).desiredReplicas();
    }
}
