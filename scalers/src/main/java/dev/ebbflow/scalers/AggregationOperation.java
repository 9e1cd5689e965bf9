package dev.ebbflow.scalers;

import java.util.List;
import java.util.Locale;

/**
 * How the values of the entities a regex matched combine into one metric (KEDA's {@code operation}
 * metadata: sum, avg or max).
 */
public enum AggregationOperation {
    SUM,
    AVG,
    MAX;

    /** Combines per-entity values; no matched entity means an idle source, hence 0. */
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
    public static AggregationOperation fromManifest(String value) {
        for (AggregationOperation o : values()) {
            if (o.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        return null;
    }

    /** {@code metadata.operation}, SUM when absent. */
    public static AggregationOperation parse(TriggerConfig config) throws ScalerConfigException {
        String text = config.param("operation");
        if (text == null) {
            return SUM;
        }
        AggregationOperation o = fromManifest(text);
        if (o == null) {
            throw MetadataValues.error("operation", "must be one of sum, avg, max");
        }
        return o;
    }
}
