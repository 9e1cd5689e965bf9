package dev.ebbflow.operator.autoscaling.core.hpa;

import dev.ebbflow.scalers.MetricTargetType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;

/**
 * A model of the Kubernetes HPA controller's sync for External metrics, as the Kubernetes
 * documentation describes it ("Algorithm details" and "Configurable scaling behavior"):
 * <ul>
 *   <li>per metric, {@code ceil(value / averageValue)} for AverageValue targets and
 *       {@code ceil(readyReplicas * value / target)} for Value targets, unless the usage ratio is within
 *       the tolerance (10 % by default), in which case the metric proposes the current count;</li>
 *   <li>the largest proposal wins; a metric that cannot be read blocks scale-down but not scale-up;</li>
 *   <li>stabilization: the highest recommendation of the scale-down window and the lowest of the
 *       scale-up window bound the new count;</li>
 *   <li>rate limits: scaling policies measured from the replica count at the start of each policy
 *       period, combined by {@code selectPolicy}; {@code Disabled} forbids that direction;</li>
 *   <li>min/max clamps; a target at 0 replicas with {@code minReplicas > 0} is left alone (scaling is
 *       disabled, which is how KEDA keeps a workload at zero).</li>
 * </ul>
 * Pure: time comes in as {@code now}, memory comes in and goes out as {@link HpaState}.
 */
public final class HpaController {

    private HpaController() {
    }

    /**
     * One sync of the HPA.
     *
     * @param currentReplicas {@code spec.replicas} of the target's /scale
     * @param readyReplicas ready pods, used by Value targets
     * @param metricValues current value per metric name; a missing entry or NaN is a metric that
     *     could not be fetched
     */
    public static HpaResult sync(HpaSpec spec, int currentReplicas, int readyReplicas, Map<String, Double> metricValues,
            HpaState state, Instant now) {
        HpaBehavior behavior = spec.behavior().resolved();
        if (currentReplicas == 0 && spec.minReplicas() != 0) {
            return new HpaResult(0, false, "ScalingDisabled", state);
        }
        if (currentReplicas > spec.maxReplicas()) {
            return scaledTo(spec.maxReplicas(), currentReplicas, "TooManyReplicas", behavior, state, now);
        }
        if (currentReplicas < spec.minReplicas()) {
            return scaledTo(spec.minReplicas(), currentReplicas, "TooFewReplicas", behavior, state, now);
        }
        Integer proposal = proposalFromMetrics(spec, currentReplicas, readyReplicas, metricValues, behavior);
        if (proposal == null) {
            return new HpaResult(currentReplicas, false, "FailedGetExternalMetric", state);
        }
        Stabilized stabilized = stabilize(behavior, state, currentReplicas, proposal, now);
        Limited limited = limitRate(behavior, stabilized.state, spec, currentReplicas, stabilized.replicas, now);
        return scaledTo(limited.replicas, currentReplicas, limited.reason, behavior, stabilized.state, now);
    }

    /** The replica count one metric proposes, or null when it is unusable. */
    static Integer replicasForMetric(ExternalMetricTarget target, Double value, int currentReplicas, int readyReplicas,
            ScalingRules up, ScalingRules down) {
        if (value == null || value.isNaN() || !(target.target() > 0)) {
            return null;
        }
        double ratio;
        double unclamped;
        if (target.targetType() == MetricTargetType.AVERAGE_VALUE) {
            ratio = value / (target.target() * currentReplicas);
            unclamped = Math.ceil(value / target.target());
        } else if (target.targetType() == MetricTargetType.VALUE) {
            ratio = value / target.target();
            unclamped = Math.ceil(ratio * readyReplicas);
        } else {
            return null; // Utilization only exists for Resource metrics, never for External ones
        }
        if (1.0 - down.tolerance() <= ratio && ratio <= 1.0 + up.tolerance()) {
            return currentReplicas;
        }
        return (int) Math.min(Integer.MAX_VALUE, unclamped);
    }

    private static Integer proposalFromMetrics(HpaSpec spec, int currentReplicas, int readyReplicas,
            Map<String, Double> metricValues, HpaBehavior behavior) {
        int best = -1;
        int invalid = 0;
        for (ExternalMetricTarget target : spec.metrics()) {
            Integer replicas = replicasForMetric(target, metricValues.get(target.metricName()), currentReplicas,
                    readyReplicas, behavior.scaleUp(), behavior.scaleDown());
            if (replicas == null) {
                invalid++;
            } else {
                best = Math.max(best, replicas);
            }
        }
        // A metric that cannot be read may hide a higher proposal, so it blocks scale-down, not scale-up.
        if (invalid == spec.metrics().size() || (invalid > 0 && best < currentReplicas)) {
            return null;
        }
        return best;
    }

    private record Stabilized(int replicas, HpaState state) {
    }

    private static Stabilized stabilize(HpaBehavior behavior, HpaState state, int currentReplicas, int proposal, Instant now) {
        Instant upCutoff = now.minusSeconds(behavior.scaleUp().stabilizationWindowSeconds());
        Instant downCutoff = now.minusSeconds(behavior.scaleDown().stabilizationWindowSeconds());
        int upBound = proposal;
        int downBound = proposal;
        List<HpaState.Recommendation> kept = new ArrayList<>();
        for (HpaState.Recommendation r : state.recommendations()) {
            boolean inUp = r.time().isAfter(upCutoff);
            boolean inDown = r.time().isAfter(downCutoff);
            if (inUp) {
                upBound = Math.min(upBound, r.replicas());
            }
            if (inDown) {
                downBound = Math.max(downBound, r.replicas());
            }
            if (inUp || inDown) {
                kept.add(r);
            }
        }
        kept.add(new HpaState.Recommendation(now, proposal));
        int replicas = Math.min(Math.max(currentReplicas, upBound), downBound);
        return new Stabilized(replicas, new HpaState(kept, state.scaleUpEvents(), state.scaleDownEvents()));
    }

    private record Limited(int replicas, String reason) {
    }

    private static Limited limitRate(HpaBehavior behavior, HpaState state, HpaSpec spec, int current, int desired, Instant now) {
        if (desired > current) {
            int limit = Math.max(current, scaleUpLimit(behavior.scaleUp(), state, current, now));
            if (limit < spec.maxReplicas() && desired > limit) {
                return new Limited(limit, "ScaleUpLimit");
            }
            if (desired > spec.maxReplicas()) {
                return new Limited(spec.maxReplicas(), "TooManyReplicas");
            }
            return new Limited(desired, "SucceededRescale");
        }
        if (desired < current) {
            int limit = Math.min(current, scaleDownLimit(behavior.scaleDown(), state, current, now));
            if (limit > spec.minReplicas() && desired < limit) {
                return new Limited(limit, "ScaleDownLimit");
            }
            if (desired < spec.minReplicas()) {
                return new Limited(spec.minReplicas(), "TooFewReplicas");
            }
            return new Limited(desired, "SucceededRescale");
        }
        return new Limited(desired, "DesiredWithinRange");
    }

    private static int scaleUpLimit(ScalingRules rules, HpaState state, int current, Instant now) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return current;
        }
        IntBinaryOperator pick = rules.selectPolicy() == SelectPolicy.MIN ? Math::min : Math::max;
        Integer result = null;
        for (ScalingPolicy p : rules.policies()) {
            int periodStart = current - changedWithin(state.scaleUpEvents(), p, now) + changedWithin(state.scaleDownEvents(), p, now);
            int proposed = p.type() == PolicyType.PODS
                    ? periodStart + p.value()
                    : (int) Math.ceil(periodStart * (1 + p.value() / 100.0));
            result = result == null ? proposed : pick.applyAsInt(result, proposed);
        }
        return result == null ? current : result;
    }

    private static int scaleDownLimit(ScalingRules rules, HpaState state, int current, Instant now) {
        if (rules.selectPolicy() == SelectPolicy.DISABLED) {
            return current;
        }
        // The policy allowing the biggest change is the one with the lowest floor, hence the inversion.
        IntBinaryOperator pick = rules.selectPolicy() == SelectPolicy.MIN ? Math::max : Math::min;
        Integer result = null;
        for (ScalingPolicy p : rules.policies()) {
            int periodStart = current + changedWithin(state.scaleDownEvents(), p, now) - changedWithin(state.scaleUpEvents(), p, now);
            int proposed = p.type() == PolicyType.PODS
                    ? periodStart - p.value()
                    : (int) (periodStart * (1 - p.value() / 100.0));
            result = result == null ? proposed : pick.applyAsInt(result, proposed);
        }
        return result == null ? current : result;
    }

    private static int changedWithin(List<HpaState.ScaleEvent> events, ScalingPolicy policy, Instant now) {
        Instant cutoff = now.minusSeconds(policy.periodSeconds());
        return events.stream().filter(e -> e.time().isAfter(cutoff)).mapToInt(HpaState.ScaleEvent::replicaChange).sum();
    }

    private static HpaResult scaledTo(int desired, int current, String reason, HpaBehavior behavior, HpaState state, Instant now) {
        if (desired == current) {
            return new HpaResult(current, false, reason, state);
        }
        List<HpaState.ScaleEvent> ups = recent(state.scaleUpEvents(), behavior.scaleUp(), now);
        List<HpaState.ScaleEvent> downs = recent(state.scaleDownEvents(), behavior.scaleDown(), now);
        if (desired > current) {
            ups.add(new HpaState.ScaleEvent(now, desired - current));
        } else {
            downs.add(new HpaState.ScaleEvent(now, current - desired));
        }
        return new HpaResult(desired, true, reason, new HpaState(state.recommendations(), ups, downs));
    }

    /** Events older than the longest policy period can no longer limit anything. */
    private static List<HpaState.ScaleEvent> recent(List<HpaState.ScaleEvent> events, ScalingRules rules, Instant now) {
        Instant cutoff = now.minus(Duration.ofSeconds(rules.longestPeriodSeconds()));
        List<HpaState.ScaleEvent> kept = new ArrayList<>();
        for (HpaState.ScaleEvent e : events) {
            if (e.time().isAfter(cutoff)) {
                kept.add(e);
            }
        }
        return kept;
    }
}
