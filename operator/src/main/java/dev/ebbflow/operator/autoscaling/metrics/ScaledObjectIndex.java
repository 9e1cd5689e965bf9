package dev.ebbflow.operator.autoscaling.metrics;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every watched ScaledObject, from informers that run on every replica (leader or not): what the
 * external metrics API and the scale loop look ScaledObjects up in.
 */
public final class ScaledObjectIndex implements AutoCloseable {

    private final List<SharedIndexInformer<ScaledObject>> informers = new ArrayList<>();

    /** Starts watching; {@code namespaces} empty means all of them. */
    public ScaledObjectIndex(KubernetesClient client, Set<String> namespaces) {
        if (namespaces.isEmpty()) {
            informers.add(client.resources(ScaledObject.class).inAnyNamespace().inform());
        } else {
            for (String ns : namespaces) {
                informers.add(client.resources(ScaledObject.class).inNamespace(ns).inform());
            }
        }
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

    public boolean hasSynced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
