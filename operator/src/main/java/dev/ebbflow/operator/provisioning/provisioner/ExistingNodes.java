package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.operator.provisioning.kube.Nodes;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.PodConverter;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Taint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Nodes and the pods bound to them, in the scheduling core's terms; shared by the provisioner and the simulated kube-scheduler. */
public final class ExistingNodes {

    public static final String UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable";

    private ExistingNodes() {
    }

    /** Pods that hold room on their node: bound, not finished. Keyed by node name. */
    public static Map<String, List<Pod>> boundPods(List<Pod> pods) {
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod pod : pods) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node == null || node.isEmpty() || isTerminal(pod)) {
                continue;
            }
            byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
        }
        return byNode;
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    public static boolean isReady(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return false;
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /**
     * The node as the real scheduler sees it: every taint counts, and a cordoned node carries
     * {@code node.kubernetes.io/unschedulable:NoSchedule}.
     */
    public static ExistingNode asScheduled(Node node, List<Pod> bound) {
        return convert(node, bound, taints(node, Set.of()));
    }

    /**
     * The node as the provisioner sees it: a node of a NodePool that is not initialized yet will lose
     * its pool's startup taints and the taints of a starting node, so pods that tolerate neither still count on its room.
     */
    public static ExistingNode asProvisioned(Node node, List<Pod> bound, List<Taint> poolStartupTaints) {
        boolean initialized = node.getMetadata().getLabels() != null
                && "true".equals(node.getMetadata().getLabels().get(KarpenterLabels.INITIALIZED));
        boolean managed = node.getMetadata().getLabels() != null && node.getMetadata().getLabels().containsKey(KarpenterLabels.NODE_POOL);
        Set<Taint> ignored = new java.util.HashSet<>();
        if (managed && !initialized) {
            ignored.addAll(poolStartupTaints);
        }
        List<Taint> taints = new ArrayList<>();
        for (Taint t : taints(node, ignored)) {
            if (!(managed && !initialized && Nodes.EPHEMERAL_TAINTS.contains(t.key()))) {
                taints.add(t);
            }
        }
        return convert(node, bound, taints);
    }

    private static List<Taint> taints(Node node, Set<Taint> ignored) {
        List<Taint> out = new ArrayList<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (io.fabric8.kubernetes.api.model.Taint t : node.getSpec().getTaints()) {
                Taint taint = new Taint(t.getKey(), t.getValue(), t.getEffect());
                if (!ignored.contains(taint)) {
                    out.add(taint);
                }
            }
        }
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())
                && out.stream().noneMatch(t -> UNSCHEDULABLE_TAINT.equals(t.key()))) {
            out.add(new Taint(UNSCHEDULABLE_TAINT, "", Taint.NO_SCHEDULE));
        }
        return out;
    }

    private static ExistingNode convert(Node node, List<Pod> bound, List<Taint> taints) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        List<SchedulablePod> pods = new ArrayList<>();
        for (Pod p : bound) {
            pods.add(p.getMetadata().getDeletionTimestamp() != null ? leaving(p) : bestEffort(p));
        }
        return new ExistingNode(node.getMetadata().getName(), labels, taints, quantities(allocatable), pods);
    }

    /**
     * A terminating pod holds its room until it is gone, but kube-scheduler and Karpenter leave it out
     * of topology spread and pod affinity: it keeps only its requests.
     */
    static SchedulablePod leaving(Pod pod) {
        return SchedulablePod.simple(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), Map.of(),
                PodConverter.effectiveRequests(pod.getSpec()));
    }

    /** A bound pod always takes its room, even when some scheduling field of it could not be read. */
    static SchedulablePod bestEffort(Pod pod) {
        try {
            return PodConverter.convert(pod);
        } catch (InvalidInputException e) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            return SchedulablePod.simple(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), labels,
                    PodConverter.effectiveRequests(pod.getSpec()));
        }
    }

    /** Kubernetes quantities (a Node's capacity, a NodeClaim's status) as a ResourceList. */
    public static ResourceList quantities(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return ResourceList.EMPTY;
        }
        Map<String, Long> m = new HashMap<>();
        quantities.forEach((k, q) -> {
            if (q != null) {
                m.put(k, ResourceList.parseMilli(q.toString()));
            }
        });
        return ResourceList.ofMilli(m);
    }
}
