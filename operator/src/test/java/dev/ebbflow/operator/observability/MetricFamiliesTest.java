package dev.ebbflow.operator.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricFamiliesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void meterFamilyRejectsWrongLabelCountsAndWrongOperations() {
        MeterFamily gauge = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "g", "help", null, "a", "b");
        assertThatThrownBy(() -> gauge.set(List.of("only-one"), 1)).hasMessageContaining("takes labels [a, b]");
        assertThatThrownBy(() -> gauge.increment(List.of("x", "y"), 1)).hasMessageContaining("is a gauge");
        MeterFamily counter = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "c", "help", null, "a");
        assertThatThrownBy(() -> counter.set(List.of("x"), 1)).hasMessageContaining("is a counter");
    }

    @Test
    void meterFamilyRemovesSeriesFromTheRegistry() {
        MeterFamily gauge = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "g", "help", null, "a");
        gauge.set(List.of("x"), 3);
        gauge.set(List.of("x"), 4);
        assertThat(registry.get("g").tag("a", "x").gauge().value()).isEqualTo(4.0);
        gauge.remove(List.of("x"));
        assertThat(registry.getMeters()).isEmpty();
        assertThat(gauge.size()).isZero();
    }

    @Test
    void exactNameCountersNeverDecreaseAndCheckLabels() {
        ExactNameMetrics metrics = new ExactNameMetrics();
        metrics.declare(ExactNameMetrics.Kind.COUNTER, "x_created", "help", "nodepool");
        assertThatThrownBy(() -> metrics.add("x_created", List.of("default"), -1)).hasMessageContaining("cannot decrease");
        assertThatThrownBy(() -> metrics.add("x_created", List.of(), 1)).hasMessageContaining("takes labels [nodepool]");
    }
}
