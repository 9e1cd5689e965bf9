package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Writes a ScaledObject's status only when it changed, with the resourceVersion it was computed
 * from. The reconciler and the scale loop both write status: a conflict re-reads the object and
 * applies the same change again, so neither overwrites the other's fields.
 *
 * <p>Callers pass the object as an informer cache shows it, which lags behind our own writes: the
 * reconcile that our own write triggers would otherwise compare against the status before it, write
 * again with the old resourceVersion and pay a 409 and a GET. So the last write is remembered (the
 * resourceVersion it was based on, the one it produced, the status written) until the cache shows
 * something newer, and an object still at the version the write was based on is taken as written.
 */
public final class ScaledObjectStatusWriter {

    private static final int ATTEMPTS = 4;

    /** Our last status write of one ScaledObject, until the cache shows it (or anything else newer). */
    private record OwnWrite(String basedOn, String resourceVersion, ScaledObjectStatus status) {
    }

    private final KubernetesClient client;
    private final ConcurrentMap<String, OwnWrite> ownWrites = new ConcurrentHashMap<>();

    public ScaledObjectStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies {@code change} to a copy of the status of {@code current} and writes it if it differs.
     *
     * @return the status as written, or null when nothing changed (or the object is gone)
     */
    public ScaledObjectStatus update(ScaledObject current, Consumer<ScaledObjectStatus> change) {
        String key = key(current);
        ScaledObject base = asLastWritten(key, current);
        for (int attempt = 1; ; attempt++) {
            ScaledObject copy = client.getKubernetesSerialization().clone(base);
            ScaledObjectStatus before = base.getStatus() == null ? new ScaledObjectStatus() : base.getStatus();
            if (copy.getStatus() == null) {
                copy.setStatus(new ScaledObjectStatus());
            }
            change.accept(copy.getStatus());
            if (copy.getStatus().equals(before)) {
                return null;
            }
            try {
                ScaledObject written = client.resource(copy).updateStatus();
                if (written != null && written.getMetadata() != null && written.getMetadata().getResourceVersion() != null) {
                    ownWrites.put(key, new OwnWrite(base.getMetadata().getResourceVersion(), written.getMetadata().getResourceVersion(),
                            copy.getStatus()));
                }
                return copy.getStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
                base = client.resources(ScaledObject.class).inNamespace(current.getMetadata().getNamespace())
                        .withName(current.getMetadata().getName()).get();
                if (base == null) {
                    return null;
                }
            }
        }
    }

    /** Drops what is remembered of a ScaledObject that is gone. */
    public void forget(String namespace, String name) {
        ownWrites.remove(namespace + "/" + name);
    }

    /** {@code current}, or, while the cache has not shown our last write yet, {@code current} as that write left it. */
    private ScaledObject asLastWritten(String key, ScaledObject current) {
        OwnWrite own = ownWrites.get(key);
        if (own == null) {
            return current;
        }
        if (!own.basedOn().equals(current.getMetadata().getResourceVersion())) {
            ownWrites.remove(key, own); // the cache has moved on: it shows our write, or something after it
            return current;
        }
        ScaledObject written = client.getKubernetesSerialization().clone(current);
        written.setStatus(client.getKubernetesSerialization().clone(own.status()));
        written.getMetadata().setResourceVersion(own.resourceVersion());
        return written;
    }

    private static String key(ScaledObject so) {
        return so.getMetadata().getNamespace() + "/" + so.getMetadata().getName();
    }
}
