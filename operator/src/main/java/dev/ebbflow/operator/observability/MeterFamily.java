package dev.ebbflow.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One Prometheus metric with fixed label names and a series per distinct label values, like a
 * Prometheus client "vec": gauges are set, counters incremented, and any series can be removed so
 * that deleted objects leave nothing behind in /metrics.
 */
final class MeterFamily {
    enum Kind { GAUGE, COUNTER }

    /** The value a gauge reads; a plain volatile because only the latest set matters. */
    private static final class Cell {
        volatile double value;
    }

    private record Series(Meter meter, Cell cell) {
    }

    private final MeterRegistry registry;
    private final Kind kind;
    private final String name;
    private final String description;
    private final String baseUnit;
    private final List<String> labelNames;
    private final ConcurrentMap<List<String>, Series> series = new ConcurrentHashMap<>();

    /** @param name Micrometer name (dots), which the Prometheus registry renders with underscores, unit and _total */
    MeterFamily(MeterRegistry registry, Kind kind, String name, String description, String baseUnit, String... labelNames) {
        this.registry = registry;
        this.kind = kind;
        this.name = name;
        this.description = description;
        this.baseUnit = baseUnit;
        this.labelNames = List.of(labelNames);
    }

    void set(List<String> labelValues, double value) {
        require(Kind.GAUGE);
        seriesFor(labelValues).cell().value = value;
    }

    void increment(List<String> labelValues, double amount) {
        require(Kind.COUNTER);
        ((Counter) seriesFor(labelValues).meter()).increment(amount);
    }

    /** Creates the series at zero if absent, so that rate() sees a counter before its first increment. */
    void touch(List<String> labelValues) {
        seriesFor(labelValues);
    }

    void remove(List<String> labelValues) {
        Series removed = series.remove(labelValues);
        if (removed != null) {
            registry.remove(removed.meter());
        }
    }

    int size() {
        return series.size();
    }

    private Series seriesFor(List<String> labelValues) {
        if (labelValues.size() != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames + ", got values " + labelValues);
        }
        return series.computeIfAbsent(List.copyOf(labelValues), this::register);
    }

    private Series register(List<String> labelValues) {
        List<Tag> tags = new ArrayList<>(labelNames.size());
        for (int i = 0; i < labelNames.size(); i++) {
            tags.add(Tag.of(labelNames.get(i), labelValues.get(i) == null ? "" : labelValues.get(i)));
        }
        if (kind == Kind.COUNTER) {
            return new Series(Counter.builder(name).description(description).baseUnit(baseUnit).tags(Tags.of(tags)).register(registry), null);
        }
        Cell cell = new Cell();
        // The family keeps the cell strongly reachable; Micrometer only holds gauges' state weakly.
        Gauge gauge = Gauge.builder(name, cell, c -> c.value).description(description).baseUnit(baseUnit).tags(Tags.of(tags)).register(registry);
        return new Series(gauge, cell);
    }

    private void require(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException(name + " is a " + kind.name().toLowerCase() + ", not a " + expected.name().toLowerCase());
        }
    }
}
