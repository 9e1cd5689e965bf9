package dev.ebbflow.operator.autoscaling.auth;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one key of a Secret or ConfigMap as text, the way a container would see it. */
final class KeyValues {

    private KeyValues() {
    }

    /**
     * The decoded value of {@code data[key]}; {@code stringData} too, which a real API server folds
     * into {@code data} on write but an object built in memory or stored by a mock server may still carry.
     *
     * @throws UnresolvableException when the stored value is not base64 (the value itself is not quoted)
     */
    static Optional<String> secretValue(Secret secret, String key) throws UnresolvableException {
        String encoded = mapOrEmpty(secret.getData()).get(key);
        if (encoded != null) {
            return Optional.of(decode(encoded, "key '" + key + "' of Secret '" + secret.getMetadata().getName() + "'"));
        }
        return Optional.ofNullable(mapOrEmpty(secret.getStringData()).get(key));
    }

    static Optional<String> configMapValue(ConfigMap configMap, String key) throws UnresolvableException {
        String text = mapOrEmpty(configMap.getData()).get(key);
        if (text != null) {
            return Optional.of(text);
        }
        String encoded = mapOrEmpty(configMap.getBinaryData()).get(key);
        if (encoded != null) {
            return Optional.of(decode(encoded, "key '" + key + "' of ConfigMap '" + configMap.getMetadata().getName() + "'"));
        }
        return Optional.empty();
    }

    static Set<String> secretKeys(Secret secret) {
        Set<String> keys = new LinkedHashSet<>(mapOrEmpty(secret.getData()).keySet());
        keys.addAll(mapOrEmpty(secret.getStringData()).keySet());
        return keys;
    }

    static Set<String> configMapKeys(ConfigMap configMap) {
        Set<String> keys = new LinkedHashSet<>(mapOrEmpty(configMap.getData()).keySet());
        keys.addAll(mapOrEmpty(configMap.getBinaryData()).keySet());
        return keys;
    }

    private static String decode(String encoded, String what) throws UnresolvableException {
        try {
            return new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UnresolvableException(what + " is not valid base64");
        }
    }

    private static Map<String, String> mapOrEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
