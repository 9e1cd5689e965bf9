package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.kube.Nodes;
import dev.ebbflow.operator.provisioning.kube.Pods;
import dev.ebbflow.provisioner.disruption.Expiration;
import dev.ebbflow.operator.provisioning.provisioner.ExistingNodes;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.disruption.Offer;
import dev.ebbflow.provisioner.disruption.PodState;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A NodeClaim, its Node and the pods on it, read from the caches into the disruption core's
 * {@link NodeState}: the one place that knows which Kubernetes fields mean what to disruption.
 */
public final class NodeStates {

    public static final String POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private NodeStates() {
    }

    /**
     * @param node       the claim's Node, null before registration
     * @param pods       the pods bound to the Node
     * @param blockedBy  why the Eviction API would refuse a pod now (null when it would not)
     * @param price      what the node's instance type, capacity type and zone cost an hour
     */
    public static NodeState of(NodeClaim claim, Node node, List<Pod> pods, Function<Pod, String> blockedBy, Function<Offer, Double> price) {
        boolean deleting = claim.getMetadata().getDeletionTimestamp() != null
                || (node != null && (node.getMetadata().getDeletionTimestamp() != null || disrupted(node)));
        List<PodState> movable = new ArrayList<>();
        for (Pod p : pods) {
            if (Pods.isReschedulable(p)) {
                movable.add(podState(p, blockedBy.apply(p)));
            }
        }
        Offer offer = new Offer(label(claim, KarpenterLabels.INSTANCE_TYPE), label(claim, KarpenterLabels.CAPACITY_TYPE),
                label(claim, KarpenterLabels.ZONE), 0);
        offer = new Offer(offer.instanceType(), offer.capacityType(), offer.zone(), price.apply(offer));
        return new NodeState(claim.getMetadata().getName(),
                node == null ? null : ExistingNodes.asScheduled(node, pods.stream().filter(p -> !Pods.isTerminal(p)).toList()),
                claim.label(KarpenterLabels.NODE_POOL), deleting, node != null && Nodes.isReady(node),
                NodeClaimConditions.trueSince(claim, NodeClaimStatus.INITIALIZED).orElse(null), lastPodEvent(claim),
                doNotDisrupt(claim.getMetadata().getAnnotations()) || (node != null && doNotDisrupt(node.getMetadata().getAnnotations())),
                movable, offer, expiresAt(claim));
    }

    /** With no PodDisruptionBudgets and no prices: enough for emptiness. */
    public static NodeState of(NodeClaim claim, Node node, List<Pod> pods) {
        return of(claim, node, pods, p -> null, o -> 0.0);
    }

    static PodState podState(Pod p, String blockedBy) {
        SchedulablePod pod;
        try {
            pod = PodConverter.convert(p);
        } catch (InvalidInputException e) {
            // It runs, so it fits somewhere; with a field the core cannot read it may not be moved.
            pod = SchedulablePod.simple(p.getMetadata().getNamespace(), p.getMetadata().getName(), Map.of(), ResourceList.EMPTY);
            blockedBy = blockedBy != null ? blockedBy : e.getMessage();
        }
        Integer priority = p.getSpec() == null ? null : p.getSpec().getPriority();
        return new PodState(pod, doNotDisrupt(p.getMetadata().getAnnotations()), blockedBy, priority == null ? 0 : priority, deletionCost(p));
    }

    private static long deletionCost(Pod p) {
        Map<String, String> a = p.getMetadata().getAnnotations();
        if (a == null || a.get(POD_DELETION_COST) == null) {
            return 0;
        }
        try {
            return Long.parseLong(a.get(POD_DELETION_COST).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean disrupted(Node node) {
        return node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                .anyMatch(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()));
    }

    private static Instant lastPodEvent(NodeClaim claim) {
        String t = claim.getStatus() == null ? null : claim.getStatus().getLastPodEventTime();
        return t == null ? null : Instant.parse(t);
    }

    private static Instant expiresAt(NodeClaim claim) {
        try {
            return Expiration.expiresAt(claim).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean doNotDisrupt(Map<String, String> annotations) {
        return annotations != null && "true".equals(annotations.get(Pods.DO_NOT_DISRUPT_ANNOTATION));
    }

    private static String label(NodeClaim claim, String key) {
        return Optional.ofNullable(claim.label(key)).orElse("");
    }
}
