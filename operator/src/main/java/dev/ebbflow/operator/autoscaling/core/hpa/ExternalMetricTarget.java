package dev.ebbflow.operator.autoscaling.core.hpa;

import dev.ebbflow.scalers.MetricTargetType;
import java.util.Objects;

/** One {@code type: External} entry of an HPA's {@code spec.metrics}: the metric name and its target. */
public record ExternalMetricTarget(String metricName, MetricTargetType targetType, double target) {

    public ExternalMetricTarget {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(targetType, "targetType");
    }
}
