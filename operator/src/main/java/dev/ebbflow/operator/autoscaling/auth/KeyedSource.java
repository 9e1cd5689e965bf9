package dev.ebbflow.operator.autoscaling.auth;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Secret or ConfigMap seen as text keys, the way a container sees them: Secret {@code data} and
 * ConfigMap {@code binaryData} are base64-decoded. A Secret's {@code stringData} is read too: a real API
 * server folds it into {@code data} on write, but an object built in memory or kept by a mock server
 * may still carry it.
 */
final class KeyedSource {

    private final String description;
    private final Map<String, String> first;
    private final boolean firstEncoded;
    private final Map<String, String> second;
    private final boolean secondEncoded;

    private KeyedSource(String description, Map<String, String> first, boolean firstEncoded,
            Map<String, String> second, boolean secondEncoded) {
        this.description = description;
        this.first = first == null ? Map.of() : first;
        this.firstEncoded = firstEncoded;
        this.second = second == null ? Map.of() : second;
        this.secondEncoded = secondEncoded;
    }

    static Optional<KeyedSource> secret(ClusterState state, String namespace, String name) {
        return state.secret(namespace, name).map(KeyedSource::of);
    }

    static Optional<KeyedSource> configMap(ClusterState state, String namespace, String name) {
        return state.configMap(namespace, name).map(KeyedSource::of);
    }

    static KeyedSource of(Secret secret) {
        return new KeyedSource("Secret '" + secret.getMetadata().getName() + "'",
                secret.getData(), true, secret.getStringData(), false);
    }

    static KeyedSource of(ConfigMap configMap) {
        return new KeyedSource("ConfigMap '" + configMap.getMetadata().getName() + "'",
                configMap.getData(), false, configMap.getBinaryData(), true);
    }

    /** {@code Secret 'name'} or {@code ConfigMap 'name'}, for messages. */
    String description() {
        return description;
    }

    /**
     * The key's text, or empty when the key is absent.
     *
     * @throws UnresolvableException when a stored value is not base64 (the value itself is not quoted)
     */
    Optional<String> value(String key) throws UnresolvableException {
        if (first.containsKey(key)) {
            return Optional.of(text(first.get(key), firstEncoded, key));
        }
        if (second.containsKey(key)) {
            return Optional.of(text(second.get(key), secondEncoded, key));
        }
        return Optional.empty();
    }

    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(first.keySet());
        keys.addAll(second.keySet());
        return keys;
    }

    private String text(String stored, boolean encoded, String key) throws UnresolvableException {
        if (stored == null || !encoded) {
            return stored == null ? "" : stored;
        }
        try {
            return new String(Base64.getDecoder().decode(stored.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnresolvableException("key '" + key + "' of " + description + " is not valid base64");
        }
    }
}
