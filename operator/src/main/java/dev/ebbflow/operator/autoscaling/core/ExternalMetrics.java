package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.operator.autoscaling.core.hpa.ExternalMetricTarget;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ResourceMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The External metrics a ScaledObject exposes: which ones the generated HPA lists (with their targets),
 * and the values the metrics API serves for them, including KEDA's fallback substitution: once a
 * metric has failed more than {@code fallback.failureThreshold} times in a row, it is served as the
 * value that makes the HPA compute the fallback replica count ({@code target * replicas} for
 * AverageValue, {@code target * replicas / currentReplicas} for Value).
 */
public final class ExternalMetrics {

    private ExternalMetrics() {
    }

    /** The metrics of the generated HPA: one per trigger, or the single composite metric. */
    public static List<ExternalMetricTarget> hpaMetrics(ScalingSpec spec) {
        if (spec.usesScalingModifiers()) {
            ScalingModifiers m = spec.scalingModifiers();
            return List.of(new ExternalMetricTarget(ScalingModifiers.COMPOSITE_METRIC_NAME, CompositeMetric.metricType(m), CompositeMetric.target(m)));
        }
        List<ExternalMetricTarget> out = new ArrayList<>();
        for (TriggerSpec t : externalTriggers(spec)) {
            out.add(new ExternalMetricTarget(t.metric().metricName(), t.metric().targetType(), t.metric().target()));
        }
        return out;
    }

    /** The triggers with an External metric: all but cpu and memory, which the HPA reads as Resource metrics. */
    public static List<TriggerSpec> externalTriggers(ScalingSpec spec) {
        return spec.triggers().stream().filter(t -> !t.metric().isResource()).toList();
    }

    /** The Resource / ContainerResource metrics of the generated HPA, with or without scalingModifiers (as in KEDA). */
    public static List<ResourceMetric> resourceMetrics(ScalingSpec spec) {
        return spec.triggers().stream().filter(t -> t.metric().isResource()).map(t -> t.metric().resource()).toList();
    }

    /**
     * The values to serve.
     *
     * @param outcomes the latest outcome of each trigger, in {@code spec.triggers} order
     * @param health {@code status.health} after the latest poll (see {@link ScaleLoop})
     * @param currentReplicas the target's current replicas, for the currentReplicas* fallback behaviors
     */
    public static List<ServedMetric> values(ScalingSpec spec, List<TriggerOutcome> outcomes, Map<String, HealthStatus> health, int currentReplicas) {
        if (outcomes.size() != spec.triggers().size()) {
            throw new IllegalArgumentException("expected " + spec.triggers().size() + " trigger outcomes, got " + outcomes.size());
        }
        if (spec.usesScalingModifiers()) {
            return List.of(composite(spec, outcomes, health, currentReplicas));
        }
        List<ServedMetric> out = new ArrayList<>();
        for (int i = 0; i < spec.triggers().size(); i++) {
            TriggerSpec t = spec.triggers().get(i);
            TriggerOutcome o = outcomes.get(i);
            if (t.metric().isResource()) {
                continue;
            }
            String name = t.metric().metricName();
            if (!o.failed()) {
                out.add(new ServedMetric(name, o.value(), null, false));
            } else if (Fallback.appliesTo(spec, t) && Fallback.pastThreshold(spec, health.get(name))) {
                int replicas = Fallback.replicas(spec, currentReplicas);
                out.add(new ServedMetric(name, substitute(t.metric().targetType(), t.metric().target(), replicas, currentReplicas), null, true));
            } else {
                out.add(new ServedMetric(name, Double.NaN, o.error(), false));
            }
        }
        return out;
    }

    private static ServedMetric composite(ScalingSpec spec, List<TriggerOutcome> outcomes, Map<String, HealthStatus> health, int currentReplicas) {
        ScalingModifiers m = spec.scalingModifiers();
        String name = ScalingModifiers.COMPOSITE_METRIC_NAME;
        // While fallback is in effect KEDA does not apply the formula at all.
        if (Fallback.appliesToComposite(spec) && Fallback.anyPastThreshold(spec, health)) {
            int replicas = Fallback.replicas(spec, currentReplicas);
            return new ServedMetric(name, substitute(CompositeMetric.metricType(m), CompositeMetric.target(m), replicas, currentReplicas), null, true);
        }
        CompositeMetric.Result r = CompositeMetric.evaluate(spec, outcomes);
        return r.failed() ? new ServedMetric(name, Double.NaN, r.error(), false) : new ServedMetric(name, r.value(), null, false);
    }

    /** The value that makes the HPA's formula land on {@code replicas}. */
    static double substitute(MetricTargetType type, double target, int replicas, int currentReplicas) {
        if (type == MetricTargetType.VALUE) {
            // HPA: desired = ceil(current * value / target); at 0 replicas the HPA does not run anyway.
            return target * replicas / Math.max(currentReplicas, 1);
        }
        return target * replicas;
    }
}
