package dev.ebbflow.operator.metricsapi;

import java.util.List;

/** Where the external metrics API gets its values; the operator implements it over its scalers and caches. */
@FunctionalInterface
public interface ExternalMetricsProvider {
    /**
     * The values of {@code metricName} in {@code namespace} whose owners match {@code selector}
     * (the HPA sends {@code scaledobject.keda.sh/name=<name>}). May block; it is called off the event loop.
     *
     * @throws MetricLookupException NOT_FOUND when no such metric exists, UNAVAILABLE when its source failed
     */
    List<ExternalMetricValue> read(String namespace, String metricName, LabelSelector selector) throws MetricLookupException;
}
