package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.scalers.MetricTargetType;
import java.util.Map;

/** KEDA's rules for when {@code spec.fallback} applies. */
final class Fallback {

    private Fallback() {
    }

    /** Resource triggers are served by the HPA itself, so no substitute can be put in their place. */
    static boolean configured(ScalingSpec spec) {
        return spec.fallback() != null;
    }

    static boolean appliesTo(ScalingSpec spec, TriggerSpec t) {
        return configured(spec) && !t.metric().isResource()
                && (t.metric().targetType() == MetricTargetType.AVERAGE_VALUE || t.metric().targetType() == MetricTargetType.VALUE);
    }

    static boolean appliesToComposite(ScalingSpec spec) {
        return configured(spec) && CompositeMetric.metricType(spec.scalingModifiers()) == MetricTargetType.AVERAGE_VALUE;
    }

    /** KEDA falls back once the failures exceed the threshold: with threshold 3, on the 4th failure. */
    static boolean pastThreshold(ScalingSpec spec, HealthStatus h) {
        return h != null && h.status() == HealthStatus.State.FAILING && h.numberOfFailures() > spec.fallback().threshold();
    }

    static boolean anyPastThreshold(ScalingSpec spec, Map<String, HealthStatus> health) {
        if (!configured(spec)) {
            return false;
        }
        for (TriggerSpec t : spec.triggers()) {
            boolean eligible = spec.usesScalingModifiers() ? appliesToComposite(spec) : appliesTo(spec, t);
            if (eligible && pastThreshold(spec, health.get(t.metric().metricName()))) {
                return true;
            }
        }
        return false;
    }

    static int replicas(ScalingSpec spec, int currentReplicas) {
        return spec.fallback().behavior().replicas(spec.fallback().replicaCount(), currentReplicas);
    }
}
