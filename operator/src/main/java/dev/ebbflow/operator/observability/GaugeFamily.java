package dev.ebbflow.operator.observability;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gauge computed afresh at each scrape from what the informers hold (so it can never outlive the
 * object it describes): values added under the same label values are summed.
 */
final class GaugeFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Double> values = new LinkedHashMap<>();

    GaugeFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    GaugeFamily add(double value, String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got values " + List.of(labelValues));
        }
        List<String> key = java.util.Arrays.stream(labelValues).map(v -> v == null ? "" : v).toList();
        values.merge(key, value, Double::sum);
        return this;
    }

    GaugeFamily max(double value, String... labelValues) {
        List<String> key = java.util.Arrays.stream(labelValues).map(v -> v == null ? "" : v).toList();
        values.merge(key, value, Math::max);
        return this;
    }

    GaugeSnapshot snapshot() {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((labelValues, value) -> gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, labelValues)).value(value).build()));
        return gauge.build();
    }
}
