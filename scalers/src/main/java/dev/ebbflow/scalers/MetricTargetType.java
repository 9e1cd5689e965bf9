package dev.ebbflow.scalers;

import java.util.Locale;

/** A trigger's {@code metricType}, as KEDA spells it in manifests. */
public enum MetricTargetType {
    AVERAGE_VALUE("AverageValue"),
    VALUE("Value"),
    UTILIZATION("Utilization");

    private final String manifestName;

    MetricTargetType(String manifestName) {
        this.manifestName = manifestName;
    }

    /** The spelling in ScaledObjects and in the HPA's {@code target.type}. */
    public String manifestName() {
        return manifestName;
    }

    /** Parses KEDA's spelling; an empty value means KEDA's default, AverageValue. */
    public static MetricTargetType fromManifest(String value) {
        if (value == null || value.isBlank()) {
            return AVERAGE_VALUE;
        }
        for (MetricTargetType t : values()) {
            if (t.manifestName.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("metricType must be one of AverageValue, Value, Utilization, got '" + value + "'");
    }
}
