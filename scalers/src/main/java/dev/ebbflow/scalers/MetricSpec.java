package dev.ebbflow.scalers;

/**
 * What a trigger asks of the HPA: an External metric named {@code metricName} (KEDA's
 * {@code s<index>-<scaler>-<id>}), the target per {@link MetricTargetType}, and the activation
 * threshold that decides between 0 and 1 replica; or, for the {@code cpu} and {@code memory}
 * triggers, a {@link ResourceMetric} that the HPA reads itself from the resource metrics API.
 *
 * @param resource the HPA Resource / ContainerResource metric, null for an External metric
 */
public record MetricSpec(String metricName, double target, double activationTarget, MetricTargetType targetType, ResourceMetric resource) {

    /** An External metric, served by the operator's external metrics API. */
    public MetricSpec(String metricName, double target, double activationTarget, MetricTargetType targetType) {
        this(metricName, target, activationTarget, targetType, null);
    }

    /** True for cpu and memory triggers: nothing to poll and nothing to serve, the HPA reads the pods' usage itself. */
    public boolean isResource() {
        return resource != null;
    }
}
