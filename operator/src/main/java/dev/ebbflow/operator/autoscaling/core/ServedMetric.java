package dev.ebbflow.operator.autoscaling.core;

/**
 * One External metric value as the metrics API should answer it.
 *
 * @param value the value, NaN when {@code error} is set
 * @param error why there is no value (the API answers with an error Status), or null
 * @param fromFallback the value is the fallback's substitute, not a reading
 */
public record ServedMetric(String metricName, double value, String error, boolean fromFallback) {

    public boolean failed() {
        return error != null;
    }
}
