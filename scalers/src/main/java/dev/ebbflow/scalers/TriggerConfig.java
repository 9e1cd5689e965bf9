package dev.ebbflow.scalers;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a factory needs to build one trigger's scaler, already resolved by the operator:
 * the trigger's metadata, the parameters its TriggerAuthentication resolved to (secrets included)
 * and the pod identity provider, if any.
 *
 * <p>{@link #toString()} never prints the authentication values, so a config can be logged.
 *
 * @param index position of the trigger in the ScaledObject, used in the metric name ({@code s<index>-...})
 * @param type trigger type, e.g. {@code rabbitmq}
 * @param name the trigger's optional {@code name}, used by scalingModifiers formulas; may be null
 * @param metadata the trigger's {@code metadata}, plus values resolved from the workload's env
 *     ({@code ...FromEnv} keys are resolved by the operator before this point)
 * @param authParams parameters from TriggerAuthentication / ClusterTriggerAuthentication
 * @param podIdentityProvider {@code podIdentity.provider} of the authentication, or null
 * @param metricType the trigger's {@code metricType}
 */
public record TriggerConfig(
        int index,
        String type,
        String name,
        Map<String, String> metadata,
        Map<String, String> authParams,
        String podIdentityProvider,
        MetricTargetType metricType) {

    public TriggerConfig {
        Objects.requireNonNull(type, "type");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        authParams = authParams == null ? Map.of() : Map.copyOf(authParams);
        metricType = metricType == null ? MetricTargetType.AVERAGE_VALUE : metricType;
    }

    /** A metadata value, falling back to the authentication parameter of the same key, or null. */
    public String param(String key) {
        String v = metadata.get(key);
        if (v == null || v.isEmpty()) {
            v = authParams.get(key);
        }
        return v == null || v.isEmpty() ? null : v;
    }

    @Override
    public String toString() {
        return "TriggerConfig[index=" + index + ", type=" + type + ", name=" + name
                + ", metadata=" + redactUrlPasswords(new TreeMap<>(metadata))
                + ", authParams=" + new TreeMap<>(authParams).keySet() + " (values hidden)"
                + ", podIdentityProvider=" + podIdentityProvider + ", metricType=" + metricType + "]";
    }

    /** Connection strings resolved into metadata (e.g. {@code hostFromEnv}) may carry a password in their user info. */
    private static Map<String, String> redactUrlPasswords(Map<String, String> values) {
        values.replaceAll((k, v) -> v == null ? null : URL_PASSWORD.matcher(v).replaceAll("$1***@"));
        return values;
    }

    private static final java.util.regex.Pattern URL_PASSWORD = java.util.regex.Pattern.compile("(://[^/@:\\s]*:)[^@/\\s]*@");
}
