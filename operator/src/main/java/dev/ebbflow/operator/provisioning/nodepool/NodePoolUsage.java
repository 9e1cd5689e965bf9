package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.operator.provisioning.provisioner.ExistingNodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a NodePool's machines hold, in milli-units with a {@code nodes} entry counting machines (1000
 * per machine), as {@code status.resources} and the limits see it. Every NodeClaim of the pool counts
 * once: by its Node's capacity once registered, by its launched capacity before that. A claim not
 * launched yet has no capacity; {@link #committed} counts it as the largest instance type it may
 * become, so that limits are never overshot while launches are in flight, while {@link #provisioned}
 * (the status) shows only what exists.
 */
public record NodePoolUsage(ResourceList provisioned, ResourceList committed, long nodes) {

    private static final ResourceList ONE_NODE = ResourceList.ofMilli(Map.of(NodePoolLimits.NODES, 1000L));

    public static NodePoolUsage of(String nodePool, List<Node> nodes, List<NodeClaim> claims, List<InstanceType> catalog) {
        ResourceList provisioned = ResourceList.EMPTY;
        ResourceList committed = ResourceList.EMPTY;
        long count = 0;
        Set<String> nodeNames = new HashSet<>();
        Set<String> providerIds = new HashSet<>();
        for (Node node : nodes) {
            if (!nodePool.equals(label(node.getMetadata().getLabels()))) {
                continue;
            }
            nodeNames.add(node.getMetadata().getName());
            if (node.getSpec() != null && node.getSpec().getProviderID() != null) {
                providerIds.add(node.getSpec().getProviderID());
            }
            ResourceList capacity = ExistingNodes.quantities(node.getStatus() == null ? null : node.getStatus().getCapacity()).plus(ONE_NODE);
            provisioned = provisioned.plus(capacity);
            committed = committed.plus(capacity);
            count++;
        }
        Map<String, InstanceType> byName = new HashMap<>();
        catalog.forEach(t -> byName.put(t.name(), t));
        for (NodeClaim claim : claims) {
            if (!nodePool.equals(claim.label(KarpenterLabels.NODE_POOL)) || hasNode(claim, nodeNames, providerIds)) {
                continue;
            }
            count++;
            Map<String, Quantity> launched = claim.getStatus() == null ? null : claim.getStatus().getCapacity();
            if (launched != null && !launched.isEmpty()) {
                ResourceList capacity = ExistingNodes.quantities(launched).plus(ONE_NODE);
                provisioned = provisioned.plus(capacity);
                committed = committed.plus(capacity);
            } else {
                committed = committed.plus(largestOption(claim, byName)).plus(ONE_NODE);
            }
        }
        return new NodePoolUsage(provisioned, committed, count);
    }

    private static boolean hasNode(NodeClaim claim, Set<String> nodeNames, Set<String> providerIds) {
        if (claim.getStatus() == null) {
            return false;
        }
        return (claim.getStatus().getNodeName() != null && nodeNames.contains(claim.getStatus().getNodeName()))
                || (claim.getStatus().getProviderID() != null && providerIds.contains(claim.getStatus().getProviderID()));
    }

    /** Per resource, the most any of the claim's instance-type options has; its requests when none is known. */
    static ResourceList largestOption(NodeClaim claim, Map<String, InstanceType> catalog) {
        Map<String, Long> max = new HashMap<>();
        List<NodeSelectorRequirementWithMinValues> reqs = claim.getSpec() == null ? null : claim.getSpec().getRequirements();
        if (reqs != null) {
            for (NodeSelectorRequirementWithMinValues r : reqs) {
                if (!KarpenterLabels.INSTANCE_TYPE.equals(r.getKey()) || !"In".equals(r.getOperator()) || r.getValues() == null) {
                    continue;
                }
                for (String name : r.getValues()) {
                    InstanceType t = catalog.get(name);
                    if (t != null) {
                        t.capacity().asMilliMap().forEach((k, v) -> max.merge(k, v, Math::max));
                    }
                }
            }
        }
        if (!max.isEmpty()) {
            return ResourceList.ofMilli(max);
        }
        return claim.getSpec() == null || claim.getSpec().getResources() == null ? ResourceList.EMPTY
                : ExistingNodes.quantities(claim.getSpec().getResources().getRequests());
    }

    private static String label(Map<String, String> labels) {
        return labels == null ? null : labels.get(KarpenterLabels.NODE_POOL);
    }
}
