package dev.ebbflow.operator.provisioning.termination;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.MeteredCloud;
import dev.ebbflow.operator.provisioning.kube.PodEvictor;
import dev.ebbflow.operator.provisioning.kube.Pods;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.NodeEdits;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Terminates a deleted NodeClaim, one step per call until it reports done: taint its Node
 * {@code karpenter.sh/disrupted:NoSchedule}, drain it ({@link DrainPlanner}, evictions through the
 * {@link PodEvictor}), then terminate the instance through its cloud and delete the Node (releasing
 * the Node's termination finalizer). The caller removes the claim's finalizer once this is done.
 */
public final class NodeClaimTerminator {

    public static final String FINALIZER = "karpenter.sh/termination";
    public static final String CONTROLLER = "node.termination";
    public static final String FAILED_DRAINING = "FailedDraining";

    private static final Logger LOG = LoggerFactory.getLogger(NodeClaimTerminator.class);

    /** Done, or what the termination still waits for. */
    public record Result(boolean done, String waitingFor) {
        static Result finished() {
            return new Result(true, null);
        }
    }

    private final KubernetesClient client;
    private final CloudProviders clouds;
    private final MeteredCloud meteredCloud;
    private final PodEvictor evictor;
    private final KarpenterEvents events;
    private final KarpenterMetrics metrics;

    public NodeClaimTerminator(KubernetesClient client, CloudProviders clouds, MeteredCloud meteredCloud, PodEvictor evictor,
                               KarpenterEvents events, KarpenterMetrics metrics) {
        this.client = client;
        this.clouds = clouds;
        this.meteredCloud = meteredCloud;
        this.evictor = evictor;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * @param node       the claim's Node, or null when it has none (never registered, or already gone)
     * @param podsOnNode the pods bound to that Node
     */
    public Result terminate(NodeClaim claim, Node node, List<Pod> podsOnNode, Instant now) throws CloudProviderException {
        if (node != null) {
            taintDisrupted(node);
            DrainPlanner.Plan plan = DrainPlanner.plan(podsOnNode, deadline(claim), now);
            if (!plan.drained()) {
                return drain(claim, node, plan);
            }
        }
        terminateInstance(claim);
        if (node != null) {
            deleteNode(node);
            metrics.nodeTerminated(label(claim, KarpenterLabels.NODE_POOL));
        }
        metrics.nodeClaimTerminated(label(claim, KarpenterLabels.NODE_POOL), label(claim, KarpenterLabels.CAPACITY_TYPE),
                label(claim, KarpenterLabels.ZONE));
        return Result.finished();
    }

    private Result drain(NodeClaim claim, Node node, DrainPlanner.Plan plan) {
        for (Pod p : plan.delete()) {
            deletePod(p);
        }
        List<String> blocked = new ArrayList<>();
        for (Pod p : plan.evict()) {
            if (evictor.evict(p) == PodEvictor.Outcome.BLOCKED) {
                blocked.add(Pods.key(p));
            }
        }
        if (!blocked.isEmpty()) {
            String message = "Failed to drain node, " + blocked.size() + " pods are waiting to be evicted";
            // Karpenter reports this on the Node; the claim gets it too, as it is what users delete.
            events.warning(node, FAILED_DRAINING, message);
            events.warning(claim, FAILED_DRAINING, message);
        }
        int pending = plan.waiting() + plan.evict().size() + plan.delete().size();
        return new Result(false, "draining: " + pending + " pods still on the node" + (blocked.isEmpty() ? "" : ", blocked by budgets: " + blocked));
    }

    /** When the claim's terminationGracePeriod ends, counted from its deletion. */
    static Optional<Instant> deadline(NodeClaim claim) {
        String grace = claim.getSpec().getTerminationGracePeriod();
        String deleted = claim.getMetadata().getDeletionTimestamp();
        if (grace == null || deleted == null) {
            return Optional.empty();
        }
        try {
            return GoDurations.parse(grace, "spec.terminationGracePeriod").map(d -> Instant.parse(deleted).plus(d));
        } catch (IllegalArgumentException e) {
            LOG.warn("nodeclaim {}: {}; draining without a deadline", claim.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private void taintDisrupted(Node node) {
        if (node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                .anyMatch(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()) && "NoSchedule".equals(t.getEffect()))) {
            return;
        }
        ignoreMissing(() -> NodeEdits.edit(client, node.getMetadata().getName(), n -> {
            List<Taint> taints = new ArrayList<>(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints());
            taints.add(new Taint(DrainPlanner.DISRUPTED_TAINT.getEffect(), DrainPlanner.DISRUPTED_TAINT_KEY, null, null));
            n.getSpec().setTaints(taints);
            return n;
        }));
    }

    private void terminateInstance(NodeClaim claim) throws CloudProviderException {
        String providerId = claim.getStatus() == null ? null : claim.getStatus().getProviderID();
        if (providerId == null) {
            return;
        }
        Optional<CloudProvider> cloud = clouds.find(claim.getSpec().getNodeClassRef());
        if (cloud.isEmpty()) {
            events.warning(claim, "TerminationFailed", "spec.nodeClassRef: no cloud provider serves "
                    + claim.getSpec().getNodeClassRef() + "; instance " + providerId + " left to garbage collection");
            return;
        }
        try {
            meteredCloud.call(CONTROLLER, "Delete", cloud.get(), () -> {
                cloud.get().delete(claim);
                return null;
            });
        } catch (NodeClaimNotFoundException gone) {
            LOG.debug("instance {} of nodeclaim {} is already gone", providerId, claim.getMetadata().getName());
        }
    }

    private void deleteNode(Node node) {
        String name = node.getMetadata().getName();
        ignoreMissing(() -> NodeEdits.edit(client, name, n -> {
            if (n.getMetadata().getFinalizers() != null) {
                List<String> finalizers = new ArrayList<>(n.getMetadata().getFinalizers());
                finalizers.remove(FINALIZER);
                n.getMetadata().setFinalizers(finalizers);
            }
            return n;
        }));
        ignoreMissing(() -> client.nodes().withName(name).delete());
    }

    private void deletePod(Pod pod) {
        ignoreMissing(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete());
    }

    private static void ignoreMissing(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private static String label(NodeClaim claim, String key) {
        String v = claim.label(key);
        return v == null ? "" : v;
    }
}
