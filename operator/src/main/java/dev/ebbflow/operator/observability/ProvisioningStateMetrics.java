package dev.ebbflow.operator.observability;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.kube.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The state of the provisioned fleet, computed from the informers at each scrape so that a deleted Node,
 * NodeClaim or pod leaves no series behind:
 * <ul>
 * <li>{@code karpenter_nodes_allocatable} and {@code karpenter_nodes_total_pod_requests} per Node of a NodePool,
 *     with Karpenter's labels (node_name, nodepool, instance_type, capacity_type, zone, arch, resource_type);</li>
 * <li>{@code karpenter_pods_current_unbound_time_seconds{name,namespace}}: how long each pod not yet bound to a
 *     node has waited;</li>
 * <li>{@code ebbflow_nodeclaims{nodepool,instance_type,capacity_type,zone,state}}: NodeClaims by lifecycle state
 *     ({@code launching}, {@code registering}, {@code initializing}, {@code ready}, {@code terminating}), and
 *     {@code ebbflow_nodeclaims_unregistered_oldest_seconds{nodepool}}: the age of the oldest claim whose Node has
 *     not registered (0 when none), which Karpenter has no metric for.</li>
 * </ul>
 */
public final class ProvisioningStateMetrics implements MultiCollector {
    static final String NODE_LABELS_HELP = " Labeled by node name, nodepool, instance type, capacity type, zone, arch and resource type.";

    private final Supplier<List<Node>> nodes;
    private final Supplier<List<NodeClaim>> nodeClaims;
    private final Supplier<List<Pod>> pods;
    private final Clock clock;

    public ProvisioningStateMetrics(Supplier<List<Node>> nodes, Supplier<List<NodeClaim>> nodeClaims, Supplier<List<Pod>> pods, Clock clock) {
        this.nodes = nodes;
        this.nodeClaims = nodeClaims;
        this.pods = pods;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        Instant now = clock.instant();
        List<Pod> allPods = pods.get();
        GaugeFamily allocatable = nodeFamily("karpenter_nodes_allocatable",
                "Node allocatable are the resources allocatable by nodes." + NODE_LABELS_HELP);
        GaugeFamily requests = nodeFamily("karpenter_nodes_total_pod_requests",
                "Node total pod requests are the resources requested by pods bound to nodes, including the DaemonSet pods." + NODE_LABELS_HELP);
        Map<String, Map<String, Double>> requestsByNode = requestsByNode(allPods);
        for (Node node : nodes.get()) {
            String pool = label(node, KarpenterLabels.NODE_POOL);
            if (pool == null) {
                continue;
            }
            String[] labels = {node.getMetadata().getName(), pool, label(node, KarpenterLabels.INSTANCE_TYPE), label(node, KarpenterLabels.CAPACITY_TYPE),
                label(node, KarpenterLabels.ZONE), label(node, KarpenterLabels.ARCH)};
            Map<String, Quantity> resources = node.getStatus() == null || node.getStatus().getAllocatable() == null ? Map.of()
                    : node.getStatus().getAllocatable();
            resources.forEach((resource, quantity) -> allocatable.add(quantity.getNumericalAmount().doubleValue(), with(labels, resourceType(resource))));
            requestsByNode.getOrDefault(node.getMetadata().getName(), Map.of())
                    .forEach((resource, amount) -> requests.add(amount, with(labels, resourceType(resource))));
        }
        GaugeFamily unbound = new GaugeFamily("karpenter_pods_current_unbound_time_seconds",
                "The time from pod creation until now, for pods that are not bound to a node yet.", "name", "namespace");
        for (Pod pod : allPods) {
            if (isUnbound(pod)) {
                unbound.add(age(pod, now), pod.getMetadata().getName(), pod.getMetadata().getNamespace());
            }
        }
        GaugeFamily claims = new GaugeFamily("ebbflow_nodeclaims",
                "The number of NodeClaims, labeled by nodepool, instance type, capacity type, zone and lifecycle state.",
                "nodepool", "instance_type", "capacity_type", "zone", "state");
        GaugeFamily oldestUnregistered = new GaugeFamily("ebbflow_nodeclaims_unregistered_oldest_seconds",
                "The age of the oldest NodeClaim of a nodepool whose Node has not registered yet (0 when none).", "nodepool");
        for (NodeClaim claim : nodeClaims.get()) {
            String pool = label(claim, KarpenterLabels.NODE_POOL);
            String state = state(claim);
            claims.add(1, pool, label(claim, KarpenterLabels.INSTANCE_TYPE), label(claim, KarpenterLabels.CAPACITY_TYPE), label(claim, KarpenterLabels.ZONE),
                    state);
            boolean unregistered = state.equals("launching") || state.equals("registering");
            oldestUnregistered.max(unregistered ? age(claim, now) : 0, pool);
        }
        return MetricSnapshots.of(allocatable.snapshot(), requests.snapshot(), unbound.snapshot(), claims.snapshot(), oldestUnregistered.snapshot());
    }

    /** Where a claim is in its life: the first of its Launched, Registered, Initialized conditions not yet True. */
    static String state(NodeClaim claim) {
        if (claim.getMetadata().getDeletionTimestamp() != null) {
            return "terminating";
        }
        if (!NodeClaimConditions.isTrue(claim, NodeClaimStatus.LAUNCHED)) {
            return "launching";
        }
        if (!NodeClaimConditions.isTrue(claim, NodeClaimStatus.REGISTERED)) {
            return "registering";
        }
        return NodeClaimConditions.isTrue(claim, NodeClaimStatus.INITIALIZED) ? "ready" : "initializing";
    }

    private static boolean isUnbound(Pod pod) {
        return (pod.getSpec() == null || pod.getSpec().getNodeName() == null) && !Pods.isTerminal(pod) && !Pods.isTerminating(pod);
    }

    /** Requests of the pods bound to each node, by resource: per pod the larger of its containers' sum and its largest init container. */
    private static Map<String, Map<String, Double>> requestsByNode(List<Pod> pods) {
        Map<String, Map<String, Double>> byNode = new HashMap<>();
        for (Pod pod : pods) {
            if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || Pods.isTerminal(pod)) {
                continue;
            }
            Map<String, Double> sum = requests(pod.getSpec().getContainers(), Double::sum);
            requests(pod.getSpec().getInitContainers(), Math::max).forEach((r, v) -> sum.merge(r, v, Math::max));
            Map<String, Double> node = byNode.computeIfAbsent(pod.getSpec().getNodeName(), n -> new HashMap<>());
            sum.forEach((r, v) -> node.merge(r, v, Double::sum));
        }
        return byNode;
    }

    private static Map<String, Double> requests(List<Container> containers, java.util.function.BinaryOperator<Double> combine) {
        Map<String, Double> out = new HashMap<>();
        if (containers != null) {
            for (Container c : containers) {
                if (c.getResources() != null && c.getResources().getRequests() != null) {
                    c.getResources().getRequests().forEach((r, q) -> out.merge(r, q.getNumericalAmount().doubleValue(), combine));
                }
            }
        }
        return out;
    }

    /** Karpenter's resource_type values: the resource name with characters Prometheus dislikes as underscores ({@code ephemeral_storage}). */
    static String resourceType(String resource) {
        return resource.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static GaugeFamily nodeFamily(String name, String help) {
        return new GaugeFamily(name, help, "node_name", "nodepool", "instance_type", "capacity_type", "zone", "arch", "resource_type");
    }

    private static String[] with(String[] labels, String last) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 1);
        out[labels.length] = last;
        return out;
    }

    private static double age(HasMetadata object, Instant now) {
        String created = object.getMetadata().getCreationTimestamp();
        if (created == null) {
            return 0;
        }
        return Math.max(0, Duration.between(Instant.parse(created), now).toMillis() / 1000.0);
    }

    private static String label(HasMetadata object, String key) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }
}
