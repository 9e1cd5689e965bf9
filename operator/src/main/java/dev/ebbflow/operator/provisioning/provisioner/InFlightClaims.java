package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.RequirementParser;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.Taint;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * NodeClaims whose Node is not there yet, as room the pending pods may wait for. A claim whose Node
 * registered is left out: the Node itself is counted, and counting both would promise the room twice.
 * A Node the kubelet created but whose claim's labels are not on it yet still leaves the claim in
 * flight: until then it counts as nobody's node, its starting taints keep pods off it, and a pass in
 * that gap would otherwise buy a second machine for pods that are about to have one.
 * The pods an earlier run nominated to a claim are added by {@link SchedulingInputs} while they stay
 * pending, so the room of an in-flight claim is what it will offer less what it was bought for.
 */
public final class InFlightClaims {

    private InFlightClaims() {
    }

    /** @param catalogs each pool's instance types, to size claims not launched yet */
    public static List<InFlightClaim> of(List<NodeClaim> claims, List<Node> nodes, Map<String, List<InstanceType>> catalogs) {
        Set<String> nodeNames = new HashSet<>();
        Set<String> providerIds = new HashSet<>();
        for (Node n : nodes) {
            if (n.getMetadata().getLabels() == null || !n.getMetadata().getLabels().containsKey(KarpenterLabels.NODE_POOL)) {
                continue;
            }
            nodeNames.add(n.getMetadata().getName());
            if (n.getSpec() != null && n.getSpec().getProviderID() != null) {
                providerIds.add(n.getSpec().getProviderID());
            }
        }
        List<InFlightClaim> out = new ArrayList<>();
        for (NodeClaim claim : claims) {
            if (claim.getMetadata().getDeletionTimestamp() != null || hasNode(claim, nodeNames, providerIds)) {
                continue;
            }
            String pool = claim.label(KarpenterLabels.NODE_POOL);
            convert(claim, pool, catalogs.getOrDefault(pool, List.of())).ifPresent(out::add);
        }
        return out;
    }

    private static boolean hasNode(NodeClaim claim, Set<String> nodeNames, Set<String> providerIds) {
        if (claim.getStatus() == null) {
            return false;
        }
        String nodeName = claim.getStatus().getNodeName();
        String providerId = claim.getStatus().getProviderID();
        return (nodeName != null && nodeNames.contains(nodeName)) || (providerId != null && providerIds.contains(providerId));
    }

    /** Empty for a claim whose requirements cannot be read (no pod can be promised to it). */
    static Optional<InFlightClaim> convert(NodeClaim claim, String pool, List<InstanceType> catalog) {
        Requirements requirements;
        try {
            List<Map<String, Object>> raw = new ArrayList<>();
            if (claim.getSpec().getRequirements() != null) {
                for (NodeSelectorRequirementWithMinValues r : claim.getSpec().getRequirements()) {
                    Map<String, Object> m = new HashMap<>();
                    m.put("key", r.getKey());
                    m.put("operator", r.getOperator());
                    m.put("values", r.getValues());
                    raw.add(m);
                }
            }
            requirements = Requirements.of(RequirementParser.parse(raw, "spec.requirements"));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        List<Taint> taints = new ArrayList<>();
        if (claim.getSpec().getTaints() != null) {
            claim.getSpec().getTaints().forEach(t -> taints.add(new Taint(t.getKey(), t.getValue(), t.getEffect())));
        }
        // A launched claim carries the labels of what was bought (zone, instance type, capacity type):
        // its node will have them, so topology rules can count its pods in their domain.
        if (claim.getMetadata().getLabels() != null) {
            requirements = requirements.and(Requirements.fromLabels(claim.getMetadata().getLabels()));
        }
        return Optional.of(new InFlightClaim(claim.getMetadata().getName(), pool, requirements, taints, allocatable(claim, requirements, catalog), List.of()));
    }

    /** The launched type's allocatable, or while unknown the smallest (by cpu, then memory) of the types the claim allows. */
    static ResourceList allocatable(NodeClaim claim, Requirements requirements, List<InstanceType> catalog) {
        if (claim.getStatus() != null && claim.getStatus().getAllocatable() != null && !claim.getStatus().getAllocatable().isEmpty()) {
            return ExistingNodes.quantities(claim.getStatus().getAllocatable());
        }
        ResourceList smallest = null;
        for (InstanceType t : catalog) {
            if (!requirements.allows(KarpenterLabels.INSTANCE_TYPE, t.name())) {
                continue;
            }
            ResourceList a = t.allocatable();
            if (smallest == null || a.milli(ResourceList.CPU) < smallest.milli(ResourceList.CPU)
                    || (a.milli(ResourceList.CPU) == smallest.milli(ResourceList.CPU) && a.milli(ResourceList.MEMORY) < smallest.milli(ResourceList.MEMORY))) {
                smallest = a;
            }
        }
        if (smallest != null) {
            return smallest;
        }
        return claim.getSpec().getResources() == null ? ResourceList.EMPTY : ExistingNodes.quantities(claim.getSpec().getResources().getRequests());
    }
}
