package dev.ebbflow.scalers.resource;

import dev.ebbflow.scalers.MetadataValues;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ResourceMetric;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;
import java.util.regex.Pattern;

/**
 * Reads a {@code cpu} or {@code memory} trigger as KEDA documents it: the target type is set once,
 * either by the trigger's {@code metricType} or by the deprecated {@code metadata.type}, and is
 * Utilization (a whole percentage of the requests) or AverageValue (a quantity per pod);
 * {@code metadata.containerName} narrows the metric to one container.
 */
public final class ResourceMetadataParser {

    /** A Kubernetes quantity: a signed decimal with an optional binary, decimal or exponent suffix. */
    private static final Pattern QUANTITY = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?");

    private ResourceMetadataParser() {
    }

    /** @param resource {@code cpu} or {@code memory} */
    public static ResourceMetric parse(String resource, TriggerConfig config) throws ScalerConfigException {
        MetricTargetType type = targetType(config);
        String value = config.metadata().get("value");
        if (value == null || value.isBlank()) {
            throw MetadataValues.error("value", "is required");
        }
        value = value.trim();
        String container = config.metadata().get("containerName");
        if (type == MetricTargetType.UTILIZATION) {
            return new ResourceMetric(resource, container, utilization(value), null);
        }
        if (!QUANTITY.matcher(value).matches()) {
            throw MetadataValues.error("value", "must be a quantity such as 500m or 512Mi with metricType AverageValue, got '" + value + "'");
        }
        return new ResourceMetric(resource, container, null, value);
    }

    private static MetricTargetType targetType(TriggerConfig config) throws ScalerConfigException {
        String deprecated = config.metadata().get("type");
        if (deprecated != null && !deprecated.isBlank()) {
            if (config.metricTypeDeclared()) {
                throw MetadataValues.error("type", "and metricType must not both be set; metadata.type is deprecated in favour of metricType");
            }
            MetricTargetType t;
            try {
                t = MetricTargetType.fromManifest(deprecated);
            } catch (IllegalArgumentException e) {
                throw MetadataValues.error("type", "must be Utilization or AverageValue, got '" + deprecated + "'");
            }
            return allowed(t, "metadata.type");
        }
        if (!config.metricTypeDeclared()) {
            throw new ScalerConfigException("metricType", "metricType is required for " + config.type() + " triggers: Utilization or AverageValue");
        }
        return allowed(config.metricType(), "metricType");
    }

    private static MetricTargetType allowed(MetricTargetType t, String field) throws ScalerConfigException {
        if (t == MetricTargetType.VALUE) {
            throw new ScalerConfigException(field, field + " must be Utilization or AverageValue for cpu and memory triggers, got Value");
        }
        return t;
    }

    private static int utilization(String value) throws ScalerConfigException {
        try {
            int v = Integer.parseInt(value);
            if (v < 1) {
                throw MetadataValues.error("value", "must be a whole percentage of at least 1 with metricType Utilization, got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw MetadataValues.error("value", "must be a whole percentage with metricType Utilization, got '" + value + "'");
        }
    }
}
