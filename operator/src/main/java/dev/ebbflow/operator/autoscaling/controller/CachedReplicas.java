package dev.ebbflow.operator.autoscaling.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spec.replicas} of Deployments and StatefulSets from a watch, so that a poll does not GET
 * {@code /scale}: with 10,000 ScaledObjects polled every 30 s that GET alone is ~333 requests per
 * second. One informer per kind and namespace, started on first use. Other kinds, a target the cache
 * has not seen yet, and a namespace whose workloads cannot be listed (RBAC) answer empty, and the
 * caller reads {@code /scale} as before.
 */
final class CachedReplicas implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedReplicas.class);
    /** After a failed start (e.g. 403), how long to read /scale before trying to watch again. */
    private static final Duration RETRY_START = Duration.ofMinutes(1);
    /** A guard only: our own write is normally confirmed by its watch event within milliseconds. */
    private static final Duration OWN_WRITE_HOLD = Duration.ofSeconds(30);

    /** A kind this cache can watch: its informer and how to read its replicas. */
    private record WatchedKind(Class<? extends HasMetadata> type, ToIntFunction<HasMetadata> replicas) {
    }

    /** What we wrote through /scale, until the watch shows the write (the resourceVersion it answered). */
    private record OwnWrite(String resourceVersion, int replicas, long atNanos) {
    }

    // A null spec.replicas counts as 0, as ScaleTargets reads it from /scale (an API server defaults it, a mock does not).
    private static final Map<String, WatchedKind> KINDS = Map.of(
            "apps/v1/Deployment", new WatchedKind(Deployment.class, o -> orZero(((Deployment) o).getSpec() == null ? null
                    : ((Deployment) o).getSpec().getReplicas())),
            "apps/v1/StatefulSet", new WatchedKind(StatefulSet.class, o -> orZero(((StatefulSet) o).getSpec() == null ? null
                    : ((StatefulSet) o).getSpec().getReplicas())));

    private final KubernetesClient client;
    private final ConcurrentMap<String, Watch> watches = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, OwnWrite> ownWrites = new ConcurrentHashMap<>();
    private volatile boolean closed;

    CachedReplicas(KubernetesClient client) {
        this.client = client;
    }

    /** The target's replicas as the watch shows them, or empty when the caller must read /scale. */
    OptionalInt replicas(ScaleTargets.Target target) {
        HasMetadata cached = object(target).orElse(null);
        if (cached == null) {
            return OptionalInt.empty();
        }
        WatchedKind kind = KINDS.get(kindKey(target));
        String key = objectKey(target);
        OwnWrite own = ownWrites.get(key);
        if (own != null) {
            boolean seen = own.resourceVersion().equals(cached.getMetadata().getResourceVersion());
            if (!seen && System.nanoTime() - own.atNanos() < OWN_WRITE_HOLD.toNanos()) {
                return OptionalInt.of(own.replicas()); // the watch has not caught up with our write yet
            }
            ownWrites.remove(key, own);
        }
        return OptionalInt.of(kind.replicas().applyAsInt(cached));
    }

    /** The target as the watch last showed it; empty for other kinds, a target not seen yet, or a namespace that cannot be watched. */
    Optional<HasMetadata> object(ScaleTargets.Target target) {
        String kindKey = kindKey(target);
        WatchedKind kind = KINDS.get(kindKey);
        if (kind == null || closed) {
            return Optional.empty();
        }
        SharedIndexInformer<? extends HasMetadata> informer = watches
                .computeIfAbsent(kindKey + "/" + target.namespace(), k -> new Watch(kindKey, kind, target.namespace()))
                .informer();
        return Optional.ofNullable(informer == null ? null : informer.getStore().getByKey(target.namespace() + "/" + target.name()));
    }

    /** Records a write through /scale, so a poll right after it does not act on the cache's older view. */
    void written(ScaleTargets.Target target, String resourceVersion, int replicas) {
        if (KINDS.containsKey(kindKey(target)) && resourceVersion != null) {
            ownWrites.put(objectKey(target), new OwnWrite(resourceVersion, replicas, System.nanoTime()));
        }
    }

    @Override
    public void close() {
        closed = true; // a late poll reads /scale rather than starting a watch nobody closes
        watches.values().forEach(Watch::close);
        watches.clear();
        ownWrites.clear();
    }

    private static String kindKey(ScaleTargets.Target target) {
        return target.gvkr().getGroup() + "/" + target.gvkr().getVersion() + "/" + target.gvkr().getKind();
    }

    private static String objectKey(ScaleTargets.Target target) {
        return kindKey(target) + "/" + target.namespace() + "/" + target.name();
    }

    private static int orZero(Integer replicas) {
        return replicas == null ? 0 : replicas;
    }

    /** One kind in one namespace: started on first use; after a failure, retried later. */
    private final class Watch {
        private final String kindKey;
        private final WatchedKind kind;
        private final String namespace;
        private SharedIndexInformer<? extends HasMetadata> informer;
        private long failedAt;
        private boolean failed;
        private boolean closed;

        Watch(String kindKey, WatchedKind kind, String namespace) {
            this.kindKey = kindKey;
            this.kind = kind;
            this.namespace = namespace;
        }

        synchronized SharedIndexInformer<? extends HasMetadata> informer() {
            if (informer != null || closed || (failed && System.nanoTime() - failedAt < RETRY_START.toNanos())) {
                return informer;
            }
            try {
                informer = client.resources(kind.type()).inNamespace(namespace).inform(new ForgetOwnWrites());
                failed = false;
            } catch (RuntimeException e) {
                if (!failed) {
                    LOG.warn("cannot watch {} in namespace {}, reading replicas through /scale instead: {}", kind.type().getSimpleName(),
                            namespace, e.getMessage());
                }
                failed = true;
                failedAt = System.nanoTime();
            }
            return informer;
        }

        synchronized void close() {
            closed = true;
            if (informer != null) {
                informer.close();
                informer = null;
            }
        }

        /** Drops a remembered write as soon as the watch delivers it (or the object goes). */
        private final class ForgetOwnWrites implements ResourceEventHandler<HasMetadata> {
            @Override
            public void onAdd(HasMetadata obj) {
                forget(obj, false);
            }

            @Override
            public void onUpdate(HasMetadata before, HasMetadata after) {
                forget(after, false);
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                forget(obj, true);
            }

            private void forget(HasMetadata obj, boolean deleted) {
                String key = kindKey + "/" + namespace + "/" + obj.getMetadata().getName();
                ownWrites.computeIfPresent(key,
                        (k, own) -> deleted || own.resourceVersion().equals(obj.getMetadata().getResourceVersion()) ? null : own);
            }
        }
    }
}
