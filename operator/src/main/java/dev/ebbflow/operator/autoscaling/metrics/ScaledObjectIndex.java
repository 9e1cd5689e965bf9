package dev.ebbflow.operator.autoscaling.metrics;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every watched ScaledObject, from informers that run on every replica (leader or not): what the
 * external metrics API and the scale loop look ScaledObjects up in.
 */
public final class ScaledObjectIndex implements AutoCloseable {

    private final KubernetesClient client;
    private final Set<String> namespaces;
    private final List<SharedIndexInformer<ScaledObject>> informers = new CopyOnWriteArrayList<>();

    /** Starts watching; {@code namespaces} empty means all of them. */
    public ScaledObjectIndex(KubernetesClient client, Set<String> namespaces) {
        this(client, namespaces, true);
    }

    /**
     * @param watchNow false defers watching to {@link #start()}, e.g. until the ScaledObject CRD is
     *     installed; until then the index is empty and not synced
     */
    public ScaledObjectIndex(KubernetesClient client, Set<String> namespaces, boolean watchNow) {
        this.client = client;
        this.namespaces = Set.copyOf(namespaces);
        if (watchNow) {
            start();
        }
    }

    /** Starts the informers, once. */
    public synchronized void start() {
        if (!informers.isEmpty()) {
            return;
        }
        if (namespaces.isEmpty()) {
            informers.add(client.resources(ScaledObject.class).inAnyNamespace().inform());
        } else {
            for (String ns : namespaces) {
                informers.add(client.resources(ScaledObject.class).inNamespace(ns).inform());
            }
        }
    }

    /** Whether the informers watch (false before {@link #start()} and once one of them stopped). */
    public boolean isWatching() {
        return !informers.isEmpty() && informers.stream().allMatch(i -> i.isRunning() && i.isWatching());
    }

    public ScaledObject get(ScaledObjectKey key) {
        String cacheKey = Cache.namespaceKeyFunc(key.namespace(), key.name());
        for (SharedIndexInformer<ScaledObject> informer : informers) {
            ScaledObject so = informer.getStore().getByKey(cacheKey);
            if (so != null) {
                return so;
            }
        }
        return null;
    }

    public List<ScaledObject> inNamespace(String namespace) {
        List<ScaledObject> out = new ArrayList<>();
        for (SharedIndexInformer<ScaledObject> informer : informers) {
            out.addAll(informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace));
        }
        return out;
    }

    /** Every ScaledObject watched, e.g. for the status gauges read at each scrape. */
    public List<ScaledObject> all() {
        List<ScaledObject> out = new ArrayList<>();
        for (SharedIndexInformer<ScaledObject> informer : informers) {
            out.addAll(informer.getStore().list());
        }
        return out;
    }

    public boolean hasSynced() {
        return !informers.isEmpty() && informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
