package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link ClusterState} read from the caches of the informer event sources that {@link AuthDependencyWatch}
 * registers, so that resolving a trigger costs no API request. The caches exist only once JOSDK has
 * prepared the event sources; until then (and for a kind without cache) it reads through {@code api}.
 * A Secret the cache holds only in part ({@link PrunedSecrets}) is read through {@code api} once per
 * resourceVersion: the whole copy read is kept and served to the next trigger that reads the same
 * Secret, so that ten thousand triggers sharing one Secret cost one GET, not ten thousand. It is
 * served only while the cache shows that same resourceVersion; a changed Secret reaches the cache
 * whole (it is referenced by then) and replaces it.
 */
final class CachedClusterState implements ClusterState {

    private final ClusterState api;
    /** Whole copies of Secrets the cache holds pruned, as read from {@code api}, by namespace and name. */
    private final ConcurrentMap<ResourceID, Secret> readWhole = new ConcurrentHashMap<>();
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
        ResourceID id = new ResourceID(name, namespace);
        Optional<Secret> cached = cache.get(id);
        if (cached.isEmpty() || !PrunedSecrets.isPruned(cached.get())) {
            readWhole.remove(id);
            return cached;
        }
        String version = cached.get().getMetadata().getResourceVersion();
        Secret known = readWhole.get(id);
        if (known != null && Objects.equals(version, known.getMetadata().getResourceVersion())) {
            return Optional.of(known);
        }
        Optional<Secret> read = api.secret(namespace, name);
        read.ifPresentOrElse(s -> readWhole.put(id, PrunedSecrets.prune(s, true)), () -> readWhole.remove(id));
        return read;
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
