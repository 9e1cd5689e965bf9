package dev.ebbflow.operator.autoscaling.core;

/**
 * {@code spec.fallback}. Both numbers are mandatory in KEDA's schema; null means the manifest left
 * them out, which validation reports.
 */
public record FallbackSpec(Integer failureThreshold, Integer replicas, FallbackBehavior behavior) {

    public FallbackSpec {
        behavior = behavior == null ? FallbackBehavior.STATIC : behavior;
    }

    int threshold() {
        return failureThreshold == null ? 0 : failureThreshold;
    }

    int replicaCount() {
        return replicas == null ? 0 : replicas;
    }
}
