package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ClusterState} held in memory: for pure tests and for the simulator, which has no API server.
 * Objects are keyed by their own metadata; {@link #put} replaces an object of the same kind and name.
 */
public final class InMemoryClusterState implements ClusterState {

    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, TriggerAuthentication> triggerAuthentications = new ConcurrentHashMap<>();
    private final Map<String, ClusterTriggerAuthentication> clusterTriggerAuthentications = new ConcurrentHashMap<>();

    /** Adds or replaces a Secret, ConfigMap, TriggerAuthentication or ClusterTriggerAuthentication. */
    @SuppressWarnings("unchecked")
    public InMemoryClusterState put(HasMetadata object) {
        ((Map<String, HasMetadata>) mapFor(object)).put(keyOf(object), object);
        return this;
    }

    /** Removes the object of this kind and name, if present. */
    public InMemoryClusterState remove(HasMetadata object) {
        mapFor(object).remove(keyOf(object));
        return this;
    }

    private Map<String, ? extends HasMetadata> mapFor(HasMetadata object) {
        if (object instanceof Secret) {
            return secrets;
        }
        if (object instanceof ConfigMap) {
            return configMaps;
        }
        if (object instanceof TriggerAuthentication) {
            return triggerAuthentications;
        }
        if (object instanceof ClusterTriggerAuthentication) {
            return clusterTriggerAuthentications;
        }
        throw new IllegalArgumentException("not a kind trigger authentication reads: " + object.getKind());
    }

    private static String keyOf(HasMetadata object) {
        String namespace = object instanceof ClusterTriggerAuthentication ? null : object.getMetadata().getNamespace();
        return key(namespace, object.getMetadata().getName());
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(key(namespace, name)));
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(key(namespace, name)));
    }

    @Override
    public Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name) {
        return Optional.ofNullable(triggerAuthentications.get(key(namespace, name)));
    }

    @Override
    public Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name) {
        return Optional.ofNullable(clusterTriggerAuthentications.get(key(null, name)));
    }

    private static String key(String namespace, String name) {
        return (namespace == null ? "" : namespace) + "/" + name;
    }
}
