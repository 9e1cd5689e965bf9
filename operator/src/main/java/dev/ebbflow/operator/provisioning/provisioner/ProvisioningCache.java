package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The informers provisioning reads from: every pod (one informer on all namespaces, filtered in
 * memory, since set-based and most field selectors are not dependable), Nodes, NodeClaims, NodePools
 * and DaemonSets. Listeners hear about every pod added or changed, every Node and NodeClaim deleted and
 * every NodePool deleted.
 */
public final class ProvisioningCache implements AutoCloseable {

    private final KubernetesClient client;
    private final List<Consumer<Pod>> podListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<NodePool>> nodePoolDeletions = new CopyOnWriteArrayList<>();
    private final List<Runnable> capacityRemovals = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<NodeClaim> nodeClaims;
    private SharedIndexInformer<NodePool> nodePools;
    private SharedIndexInformer<DaemonSet> daemonSets;

    public ProvisioningCache(KubernetesClient client) {
        this.client = client;
    }

    public void onPod(Consumer<Pod> listener) {
        podListeners.add(listener);
    }

    /** Hears about every NodePool deleted, e.g. to drop its metrics (the NodePool controller never sees deletions: it holds no finalizer). */
    public void onNodePoolDeleted(Consumer<NodePool> listener) {
        nodePoolDeletions.add(listener);
    }

    /** Hears about every Node or NodeClaim deleted: room that pending pods were waiting for may be gone, or limits freed. */
    public void onCapacityRemoved(Runnable listener) {
        capacityRemovals.add(listener);
    }

    /** Starts the informers; {@link #hasSynced()} tells when each has listed once. */
    public synchronized ProvisioningCache start() {
        if (pods != null) {
            return this;
        }
        pods = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                podListeners.forEach(l -> l.accept(pod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                podListeners.forEach(l -> l.accept(newPod));
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            }
        }, 0);
        nodes = client.nodes().inform(onDelete(n -> capacityRemovals.forEach(Runnable::run)), 0);
        nodeClaims = client.resources(NodeClaim.class).inform(onDelete(c -> capacityRemovals.forEach(Runnable::run)), 0);
        nodePools = client.resources(NodePool.class).inform(onDelete(pool -> nodePoolDeletions.forEach(l -> l.accept(pool))), 0);
        daemonSets = client.apps().daemonSets().inAnyNamespace().inform();
        return this;
    }

    private static <T> ResourceEventHandler<T> onDelete(Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                deleted.accept(obj);
            }
        };
    }

    public boolean hasSynced() {
        return pods != null && pods.hasSynced() && nodes.hasSynced() && nodeClaims.hasSynced() && nodePools.hasSynced() && daemonSets.hasSynced();
    }

    public ClusterSnapshot snapshot() {
        return new ClusterSnapshot(list(pods), list(nodes), list(nodeClaims), list(nodePools), list(daemonSets));
    }

    public List<Pod> pods() {
        return list(pods);
    }

    public List<Node> nodes() {
        return list(nodes);
    }

    /** The cached Node of that name; null when there is none (or before the informers start). */
    public Node node(String name) {
        SharedIndexInformer<Node> informer = nodes;
        return informer == null ? null : informer.getStore().getByKey(name);
    }

    public List<NodeClaim> nodeClaims() {
        return list(nodeClaims);
    }

    private static <T> List<T> list(SharedIndexInformer<T> informer) {
        return informer == null ? List.of() : new ArrayList<>(informer.getStore().list());
    }

    @Override
    public synchronized void close() {
        for (SharedIndexInformer<?> i : new SharedIndexInformer<?>[] {pods, nodes, nodeClaims, nodePools, daemonSets}) {
            if (i != null) {
                i.close();
            }
        }
        pods = null;
    }
}
