package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.provisioning.kube.PodDisruptionAllowance;
import dev.ebbflow.operator.provisioning.kube.Pods;
import dev.ebbflow.operator.provisioning.provisioner.ClusterSnapshot;
import dev.ebbflow.operator.provisioning.provisioner.ExistingNodes;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalog;
import dev.ebbflow.operator.provisioning.provisioner.PreparedRun;
import dev.ebbflow.operator.provisioning.provisioner.SchedulingInputs;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.disruption.ConsolidationInput;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.disruption.Offer;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot of the cluster read into the consolidation core's input (pure): the provisioner's own
 * reading of pools, nodes, in-flight claims and pending pods ({@link SchedulingInputs}), each claim
 * of a valid pool as a {@link NodeState} with its price from the pool's catalog and, for each pod,
 * whether a PodDisruptionBudget would refuse its eviction now.
 */
public final class ConsolidationInputs {

    /** The input and the objects its names stand for. */
    public record Read(ConsolidationInput input, Map<String, NodeClaim> claims, Map<String, Node> nodes, Map<String, NodePool> pools,
                       Map<String, String> poolProblems) {
    }

    private ConsolidationInputs() {
    }

    public static Read read(ClusterSnapshot snapshot, Map<String, PoolCatalog> catalogs, List<PodDisruptionBudget> pdbs, Nominations nominations,
                            Instant now, Duration nominationWindow, MinValuesPolicy minValuesPolicy, boolean spotToSpot) {
        PreparedRun run = SchedulingInputs.prepare(snapshot, catalogs, minValuesPolicy, Map.of());
        Map<String, DisruptionSettings> settings = new HashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (Map.Entry<String, NodePool> e : run.usablePools().entrySet()) {
            try {
                settings.put(e.getKey(), DisruptionSettings.of(e.getValue()));
            } catch (InvalidInputException bad) {
                problems.put(e.getKey(), bad.getMessage());
            }
        }
        Map<String, Node> byProviderId = new HashMap<>();
        snapshot.nodes().forEach(n -> {
            if (n.getSpec() != null && n.getSpec().getProviderID() != null) {
                byProviderId.put(n.getSpec().getProviderID(), n);
            }
        });
        Map<String, List<Pod>> bound = ExistingNodes.boundPods(snapshot.pods());
        Map<String, NodeClaim> claims = new LinkedHashMap<>();
        Map<String, Node> nodes = new HashMap<>();
        List<NodeState> states = new ArrayList<>();
        Set<String> managedNodes = new HashSet<>();
        for (NodeClaim claim : snapshot.nodeClaims()) {
            String pool = claim.label(KarpenterLabels.NODE_POOL);
            if (pool == null || !settings.containsKey(pool)) {
                continue;
            }
            Node node = claim.getStatus() == null || claim.getStatus().getProviderID() == null ? null : byProviderId.get(claim.getStatus().getProviderID());
            List<Pod> pods = node == null ? List.of() : bound.getOrDefault(node.getMetadata().getName(), List.of());
            Map<String, String> blocked = pdbs.isEmpty() ? Map.of()
                    : PodDisruptionAllowance.plan(pods.stream().filter(Pods::isReschedulable).toList(), snapshot.pods(), pdbs).blocked();
            List<InstanceType> types = catalogs.get(pool) == null ? List.of() : catalogs.get(pool).instanceTypes();
            states.add(NodeStates.of(claim, node, pods, p -> blocked.get(Pods.key(p)), o -> price(types, o)));
            claims.put(claim.getMetadata().getName(), claim);
            if (node != null) {
                nodes.put(claim.getMetadata().getName(), node);
                managedNodes.add(node.getMetadata().getName());
            }
        }
        List<ExistingNode> others = run.input().nodes().stream().filter(n -> !managedNodes.contains(n.name())).toList();
        ConsolidationInput input = new ConsolidationInput(settings, states, others, run.input().inFlightClaims(), run.input().pools(),
                run.input().pods(), nominations, now, nominationWindow, spotToSpot);
        return new Read(input, claims, nodes, run.usablePools(), problems);
    }

    /** The hourly price of the node's offering in its pool's catalog; 0 when the catalog does not list it (such a node is only ever deleted). */
    static double price(List<InstanceType> types, Offer o) {
        for (InstanceType t : types) {
            if (t.name().equals(o.instanceType())) {
                for (Offering offering : t.offerings()) {
                    if (offering.capacityType().equals(o.capacityType()) && offering.zone().equals(o.zone())) {
                        return offering.pricePerHour();
                    }
                }
            }
        }
        return 0;
    }
}
