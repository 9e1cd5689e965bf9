package dev.ebbflow.operator.metricsapi;

import java.util.List;

/**
 * Decorates a provider so that concurrent requests for the same metric (same namespace, name and
 * selector) cause one read of the source, shared among them.
 */
public final class CoalescingMetricsProvider implements ExternalMetricsProvider {
    private record Key(String namespace, String metricName, LabelSelector selector) {
    }

    private final CoalescingReader<Key, List<ExternalMetricValue>, MetricLookupException> reader;

    public CoalescingMetricsProvider(ExternalMetricsProvider delegate) {
        this.reader = new CoalescingReader<>(MetricLookupException.class,
                key -> delegate.read(key.namespace(), key.metricName(), key.selector()));
    }

    @Override
    public List<ExternalMetricValue> read(String namespace, String metricName, LabelSelector selector) throws MetricLookupException {
        return reader.read(new Key(namespace, metricName, selector));
    }
}
