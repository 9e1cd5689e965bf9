package dev.ebbflow.scalers;

/**
 * What a trigger asks of the HPA: an External metric named {@code metricName} (KEDA's
 * {@code s<index>-<scaler>-<id>}), the target per {@link MetricTargetType}, and the activation
 * threshold that decides between 0 and 1 replica.
 */
public record MetricSpec(String metricName, double target, double activationTarget, MetricTargetType targetType) {
}
