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
 * @param metricType the trigger's {@code metricType}; null when the manifest leaves it out, which
 *     {@link #metricType()} reads as KEDA's default, AverageValue ({@link #metricTypeDeclared()} tells the two apart)
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
    }

    /** The trigger's {@code metricType}, KEDA's default AverageValue when the manifest leaves it out. */
    @Override
    public MetricTargetType metricType() {
        return metricType == null ? MetricTargetType.AVERAGE_VALUE : metricType;
    }

    /** Whether the manifest sets {@code metricType}: the cpu and memory triggers require it to be set once, there or in metadata. */
    public boolean metricTypeDeclared() {
        return metricType != null;
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
                + ", podIdentityProvider=" + podIdentityProvider + ", metricType=" + metricType() + "]";
    }

    /** Connection strings resolved into metadata (e.g. {@code hostFromEnv}) may carry a password in their user info. */
    private static Map<String, String> redactUrlPasswords(Map<String, String> values) {
        values.replaceAll((k, v) -> v == null ? null : URL_PASSWORD.matcher(v).replaceAll("$1***@"));
        return values;
    }

    private static final java.util.regex.Pattern URL_PASSWORD = java.util.regex.Pattern.compile("(://[^/@:\\s]*:)[^@/\\s]*@");
}
