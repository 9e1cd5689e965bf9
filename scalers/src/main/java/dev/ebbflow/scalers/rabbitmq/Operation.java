package dev.ebbflow.scalers.rabbitmq;

import java.util.List;
import java.util.Locale;

/** How the values of the queues a regex matched combine into one metric ({@code operation}). */
public enum Operation {
    SUM,
    AVG,
    MAX;

    /** Combines per-queue values; no matched queue means an idle source, hence 0. */
    public double apply(List<Double> values) {
        if (values.isEmpty()) {
            return 0;
        }
        return switch (this) {
            case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
            case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        };
    }

    /** The operation spelled {@code value} (sum, avg, max; any case), or null. */
    static Operation fromManifest(String value) {
        for (Operation o : values()) {
            if (o.name().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        return null;
    }
}
