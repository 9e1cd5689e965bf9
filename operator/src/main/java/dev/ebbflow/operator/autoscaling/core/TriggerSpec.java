package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.scalers.MetricSpec;
import java.util.Objects;

/**
 * One entry of {@code spec.triggers}, as far as scaling decisions care: its {@code type}, its optional
 * {@code name} (what scalingModifiers formulas refer to) and the metric its scaler exposes.
 */
public record TriggerSpec(String type, String name, MetricSpec metric) {

    public TriggerSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metric, "metric");
        name = name == null || name.isEmpty() ? null : name;
    }
}
