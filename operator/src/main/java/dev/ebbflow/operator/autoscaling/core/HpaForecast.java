package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.hpa.HpaController;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaResult;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many replicas the generated HPA will have asked for within a horizon if the reading stays as it
 * is: the HPA's documented algorithm for External metrics ({@link HpaController}: {@code ceil(value /
 * target)} for AverageValue, {@code ceil(ready * value / target)} for Value, the tolerance, min/max,
 * the composite metric of scalingModifiers and KEDA's fallback values as the metrics API serves them),
 * synced every {@code syncPeriod} so that {@code behavior}'s scale-up policies and stabilization limit
 * how many it adds per period.
 *
 * <p>The HPA's own memory (its recommendations and recent scale events) is not visible to us, so the
 * forecast starts from none: it is an upper bound on what the HPA adds within the horizon, never less
 * than what it asks for at its next sync. cpu and memory triggers are read by the HPA alone; they can
 * only raise its count, so leaving them out never over-estimates. Pure: time comes in as {@code now}.
 */
public final class HpaForecast {

    /** kube-controller-manager's default {@code --horizontal-pod-autoscaler-sync-period}. */
    public static final Duration DEFAULT_SYNC_PERIOD = Duration.ofSeconds(15);

    private HpaForecast() {
    }

    /**
     * @param plan how the HPA looks after this poll's decision ({@link ScaleDecision#hpa()})
     * @param outcomes this poll's reading, one per trigger
     * @param health {@code status.health} after this poll, for fallback
     * @param replicas the target's replicas once this poll's decision is written (1 after an activation)
     * @param readyReplicas the target's ready pods, which Value targets multiply
     * @return the replica count the HPA will have asked for by {@code now + horizon}; {@code replicas}
     *     when there is no HPA, the target is at zero, or the HPA would not scale up
     */
    public static int replicas(ScalingSpec spec, HpaPlan plan, List<TriggerOutcome> outcomes, Map<String, HealthStatus> health,
            int replicas, int readyReplicas, Duration horizon, Duration syncPeriod, Instant now) {
        if (!plan.present() || replicas <= 0 || syncPeriod.isZero() || syncPeriod.isNegative()) {
            return Math.max(replicas, 0);
        }
        Map<String, Double> values = new HashMap<>();
        for (ServedMetric m : ExternalMetrics.values(spec, outcomes, health, replicas)) {
            values.put(m.metricName(), m.value());
        }
        HpaSpec hpa = new HpaSpec(plan.minReplicas(), plan.maxReplicas(), ExternalMetrics.hpaMetrics(spec), plan.behavior());
        if (hpa.metrics().isEmpty()) {
            return replicas;
        }
        HpaState state = HpaState.initial();
        int forecast = replicas;
        for (Instant sync = now; !sync.isAfter(now.plus(horizon)); sync = sync.plus(syncPeriod)) {
            // A sync that adds nothing may be held back by a policy's period: later ones may still add.
            HpaResult r = HpaController.sync(hpa, forecast, readyReplicas, values, state, sync);
            state = r.state();
            forecast = Math.max(forecast, r.desiredReplicas());
        }
        return forecast;
    }
}
