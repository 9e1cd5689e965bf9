package dev.ebbflow.operator.autoscaling.core;

import static dev.ebbflow.operator.autoscaling.core.Specs.CREATED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.operator.autoscaling.core.hpa.SelectPolicy;
import dev.ebbflow.scalers.MetricTargetType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every expected count follows from the HPA's documented algorithm; the trigger's target is 5 per replica. */
class HpaForecastTest {

    private static final Duration NEXT_SYNC = Duration.ZERO;
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void averageValueAsksForCeilValueOverTargetLimitedByTheDefaultScaleUpPolicies() {
        ScalingSpec spec = Specs.defaults().build();
        assertThat(forecast(spec, 40, 1, 1, NEXT_SYNC)).as("ceil(40 / 5) = 8, but at most max(1 * 2, 1 + 4) per 15 s").isEqualTo(5);
        assertThat(forecast(spec, 40, 1, 1, MINUTE)).as("the next sync adds the rest").isEqualTo(8);
        assertThat(forecast(spec, 46, 8, 8, MINUTE)).as("46 / (5 * 8) = 1.15: ceil(46 / 5) = 10").isEqualTo(10);
    }

    @Test
    void withinTheTenPercentToleranceTheHpaKeepsTheCount() {
        ScalingSpec spec = Specs.defaults().build();
        assertThat(forecast(spec, 10.9, 2, 2, MINUTE)).as("10.9 / (5 * 2) = 1.09").isEqualTo(2);
        assertThat(forecast(spec, 11.1, 2, 2, MINUTE)).as("11.1 / (5 * 2) = 1.11: ceil(11.1 / 5) = 3").isEqualTo(3);
    }

    @Test
    void maxReplicasCapsTheForecast() {
        ScalingSpec spec = Specs.defaults().replicas(null, 0, 10).build();
        assertThat(forecast(spec, 1000, 1, 1, Duration.ofMinutes(5))).isEqualTo(10);
    }

    @Test
    void valueTargetsMultiplyTheReadyReplicas() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, null, MetricTargetType.VALUE)).build();
        assertThat(forecast(spec, 20, 2, 2, MINUTE)).as("ceil(2 * 20 / 5) = 8").isEqualTo(8);
        assertThat(forecast(spec, 20, 2, 0, MINUTE)).as("no ready pod yet: the HPA's formula gives 0, it keeps the count").isEqualTo(2);
    }

    @Test
    void theCompositeMetricOfScalingModifiersIsWhatTheHpaReads() {
        ScalingSpec spec = Specs.defaults().withTriggers(Specs.rabbit(0, "a"), Specs.rabbit(1, "b"))
                .modifiers("a + b", "5", null, "AverageValue").build();
        List<TriggerOutcome> reading = List.of(TriggerOutcome.reading(10, true), TriggerOutcome.reading(30, true));
        assertThat(HpaForecast.replicas(spec, plan(spec), reading, Map.of(), 1, 1, MINUTE, HpaForecast.DEFAULT_SYNC_PERIOD, CREATED))
                .as("ceil((10 + 30) / 5)").isEqualTo(8);
    }

    @Test
    void scaleUpPoliciesLimitHowManyArriveWithinTheHorizon() {
        HpaBehavior onePerMinute = HpaBehavior.none().withScaleUp(new ScalingRules(0, SelectPolicy.MAX, List.of(ScalingPolicy.pods(1, 60)), null));
        ScalingSpec spec = Specs.defaults().behavior(onePerMinute).build();
        assertThat(forecast(spec, 40, 1, 1, Duration.ofSeconds(59))).as("one pod per 60 s: 2 now, the next after the horizon").isEqualTo(2);
        assertThat(forecast(spec, 40, 1, 1, Duration.ofSeconds(120))).as("one more at 0, 60 and 120 s").isEqualTo(4);
        HpaBehavior disabled = HpaBehavior.none().withScaleUp(ScalingRules.empty().withSelectPolicy(SelectPolicy.DISABLED));
        assertThat(forecast(Specs.defaults().behavior(disabled).build(), 40, 1, 1, MINUTE)).isEqualTo(1);
    }

    @Test
    void noHpaATargetAtZeroOrAFailedReadingForecastNoScaleUp() {
        ScalingSpec spec = Specs.defaults().build();
        List<TriggerOutcome> reading = List.of(TriggerOutcome.reading(40, true));
        assertThat(HpaForecast.replicas(spec, HpaPlan.ABSENT, reading, Map.of(), 2, 2, MINUTE, HpaForecast.DEFAULT_SYNC_PERIOD, CREATED)).isEqualTo(2);
        assertThat(HpaForecast.replicas(spec, plan(spec), reading, Map.of(), 0, 0, MINUTE, HpaForecast.DEFAULT_SYNC_PERIOD, CREATED)).isZero();
        assertThat(HpaForecast.replicas(spec, plan(spec), List.of(TriggerOutcome.failure("down")), Map.of(), 2, 2, MINUTE,
                HpaForecast.DEFAULT_SYNC_PERIOD, CREATED)).isEqualTo(2);
    }

    @Test
    void pastTheFallbackThresholdTheFallbackCountIsForecast() {
        ScalingSpec spec = Specs.defaults().fallback(1, 6, null).build();
        Map<String, HealthStatus> failing = Map.of("s0-rabbitmq-q0", new HealthStatus(2, HealthStatus.State.FAILING));
        assertThat(HpaForecast.replicas(spec, plan(spec), List.of(TriggerOutcome.failure("down")), failing, 1, 1, MINUTE,
                HpaForecast.DEFAULT_SYNC_PERIOD, CREATED)).isEqualTo(6);
    }

    private static int forecast(ScalingSpec spec, double value, int replicas, int ready, Duration horizon) {
        return HpaForecast.replicas(spec, plan(spec), List.of(TriggerOutcome.reading(value, true)), Map.of(), replicas, ready, horizon,
                HpaForecast.DEFAULT_SYNC_PERIOD, CREATED);
    }

    private static HpaPlan plan(ScalingSpec spec) {
        return ScaleLoop.hpaPlan(spec, PauseState.NONE, true, 1);
    }
}
