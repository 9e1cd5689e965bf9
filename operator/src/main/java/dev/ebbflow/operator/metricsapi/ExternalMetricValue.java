package dev.ebbflow.operator.metricsapi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One item of an {@code ExternalMetricValueList}: the value of an external metric at a time,
 * kept in milli-units because that is the precision the Quantity sent to the HPA carries.
 */
public record ExternalMetricValue(String metricName, Map<String, String> metricLabels, Instant timestamp, long milliValue) {
    public ExternalMetricValue {
        Objects.requireNonNull(metricName, "metricName");
        Objects.requireNonNull(timestamp, "timestamp");
        metricLabels = metricLabels == null ? Map.of() : Map.copyOf(metricLabels);
    }

    public static ExternalMetricValue of(String metricName, Map<String, String> metricLabels, Instant timestamp, double value) {
        return new ExternalMetricValue(metricName, metricLabels, timestamp, Quantities.toMilli(value));
    }

    /** The value as the Kubernetes Quantity string the API server would print. */
    public String quantity() {
        return Quantities.formatMilli(milliValue);
    }
}
