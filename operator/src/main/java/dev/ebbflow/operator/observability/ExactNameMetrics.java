package dev.ebbflow.operator.observability;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Metrics whose Prometheus names Micrometer cannot produce, collected straight into the Prometheus
 * registry underneath it: Micrometer's Prometheus naming drops a {@code _total} suffix from gauges
 * (KEDA's {@code keda_resource_registered_total} is a gauge) and a {@code _created} suffix from
 * counters (Karpenter's {@code karpenter_nodeclaims_created_total}), both reserved words in OpenMetrics.
 */
final class ExactNameMetrics implements MultiCollector {
    enum Kind { GAUGE, COUNTER }

    private record Family(Kind kind, String name, String help, List<String> labelNames, ConcurrentMap<List<String>, DoubleAdder> values) {
    }

    private final ConcurrentMap<String, Family> families = new ConcurrentHashMap<>();

    /** @param name the exposed name; for a counter, without the {@code _total} that the exposition appends */
    void declare(Kind kind, String name, String help, String... labelNames) {
        families.put(name, new Family(kind, name, help, List.of(labelNames), new ConcurrentHashMap<>()));
    }

    void add(String name, List<String> labelValues, double delta) {
        Family family = families.get(name);
        if (family.labelNames().size() != labelValues.size()) {
            throw new IllegalArgumentException(name + " takes labels " + family.labelNames() + ", got values " + labelValues);
        }
        if (family.kind() == Kind.COUNTER && delta < 0) {
            throw new IllegalArgumentException(name + " is a counter and cannot decrease");
        }
        family.values().computeIfAbsent(List.copyOf(labelValues), k -> new DoubleAdder()).add(delta);
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        for (Family family : families.values()) {
            snapshots.metricSnapshot(family.kind() == Kind.GAUGE ? gauge(family) : counter(family));
        }
        return snapshots.build();
    }

    private static MetricSnapshot gauge(Family family) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.name()).help(family.help());
        family.values().forEach((labelValues, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(family.labelNames(), labelValues)).value(value.sum()).build()));
        return gauge.build();
    }

    private static MetricSnapshot counter(Family family) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(family.name()).help(family.help());
        family.values().forEach((labelValues, value) -> counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of(family.labelNames(), labelValues)).value(value.sum()).build()));
        return counter.build();
    }
}
