package dev.ebbflow.scalers;

import java.util.Objects;

/**
 * An HPA {@code Resource} metric ({@code ContainerResource} when {@code containerName} is set), as the
 * {@code cpu} and {@code memory} triggers ask for it.
 *
 * @param name the resource, {@code cpu} or {@code memory}
 * @param containerName the container whose usage counts, or null for the whole pod
 * @param averageUtilization the target percentage of the requests, set with {@code metricType: Utilization}
 * @param averageValue the target quantity per pod (e.g. {@code 500m}, {@code 512Mi}), set with {@code metricType: AverageValue}
 */
public record ResourceMetric(String name, String containerName, Integer averageUtilization, String averageValue) {

    public ResourceMetric {
        Objects.requireNonNull(name, "name");
        containerName = containerName == null || containerName.isBlank() ? null : containerName;
        if ((averageUtilization == null) == (averageValue == null)) {
            throw new IllegalArgumentException("exactly one of averageUtilization and averageValue");
        }
    }

    public MetricTargetType targetType() {
        return averageUtilization != null ? MetricTargetType.UTILIZATION : MetricTargetType.AVERAGE_VALUE;
    }
}
