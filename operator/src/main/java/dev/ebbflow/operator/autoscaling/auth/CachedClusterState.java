package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ClusterState} read from the caches of the informer event sources that {@link AuthDependencyWatch}
 * registers, so that resolving a trigger costs no API request. The caches exist only once JOSDK has
 * prepared the event sources; until then (and for a kind without cache) it reads through {@code api}.
 * A Secret the cache holds only in part ({@link PrunedSecrets}) is read through {@code api} as well.
 */
final class CachedClusterState implements ClusterState {

    private final ClusterState api;
    private volatile Cache<Secret> secrets;
    private volatile Cache<ConfigMap> configMaps;
    private volatile Cache<TriggerAuthentication> triggerAuthentications;
    private volatile Cache<ClusterTriggerAuthentication> clusterTriggerAuthentications;

    CachedClusterState(ClusterState api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    void attach(Cache<Secret> secrets, Cache<ConfigMap> configMaps, Cache<TriggerAuthentication> triggerAuthentications,
            Cache<ClusterTriggerAuthentication> clusterTriggerAuthentications) {
        this.secrets = secrets;
        this.configMaps = configMaps;
        this.triggerAuthentications = triggerAuthentications;
        this.clusterTriggerAuthentications = clusterTriggerAuthentications;
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        Cache<Secret> cache = secrets;
        if (cache == null || blank(name)) {
            return api.secret(namespace, name);
        }
        Optional<Secret> cached = cache.get(new ResourceID(name, namespace));
        return cached.isPresent() && PrunedSecrets.isPruned(cached.get()) ? api.secret(namespace, name) : cached;
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        Cache<ConfigMap> cache = configMaps;
        return cache == null || blank(name) ? api.configMap(namespace, name) : cache.get(new ResourceID(name, namespace));
    }

    @Override
    public Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name) {
        Cache<TriggerAuthentication> cache = triggerAuthentications;
        return cache == null || blank(name) ? api.triggerAuthentication(namespace, name) : cache.get(new ResourceID(name, namespace));
    }

    @Override
    public Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name) {
        Cache<ClusterTriggerAuthentication> cache = clusterTriggerAuthentications;
        return cache == null || blank(name) ? api.clusterTriggerAuthentication(name) : cache.get(new ResourceID(name));
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
