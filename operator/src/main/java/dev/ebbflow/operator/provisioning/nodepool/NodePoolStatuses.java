package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodePoolStatus;
import dev.ebbflow.provisioner.catalog.ResourceList;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * A NodePool's status as Karpenter v1 reports it: {@code ValidationSucceeded}, {@code NodeClassReady}
 * and {@code Ready} (True only when both are), the resources and count of its nodes; plus Ebbflow's
 * {@code LimitsExceeded} condition, present while a limit in {@code spec.limits} is used up and the
 * pool makes no new nodes. A pure function of what the controller read; a condition that keeps its
 * status keeps its lastTransitionTime.
 */
public final class NodePoolStatuses {

    public static final String READY = "Ready";
    public static final String VALIDATION_SUCCEEDED = "ValidationSucceeded";
    public static final String NODE_CLASS_READY = "NodeClassReady";
    public static final String LIMITS_EXCEEDED = "LimitsExceeded";
    public static final String VALIDATION_FAILED_REASON = "NodePoolValidationFailed";
    public static final String NODE_CLASS_NOT_FOUND_REASON = "NodeClassNotFound";
    public static final String NODE_CLASS_NOT_READY_REASON = "NodeClassNotReady";
    public static final String UNHEALTHY_DEPENDENTS_REASON = "UnhealthyDependents";

    /** Resources the status lists, in Karpenter's order. */
    static final List<String> SHOWN = List.of(ResourceList.CPU, ResourceList.EPHEMERAL_STORAGE, ResourceList.MEMORY, NodePoolLimits.NODES, ResourceList.PODS);

    private NodePoolStatuses() {
    }

    /**
     * @param nodeClassProblem why the pool's NodeClass cannot be used, or null when it can
     * @param nodeClassFound false when the problem is that the NodeClass (or a cloud for its kind) does not exist
     */
    public static NodePoolStatus desired(NodePool pool, ValidatedNodePool.Result validation, String nodeClassProblem, boolean nodeClassFound,
                                         NodePoolUsage usage, Instant now) {
        Long generation = pool.getMetadata().getGeneration();
        Map<String, Condition> previous = new HashMap<>();
        if (pool.getStatus() != null && pool.getStatus().getConditions() != null) {
            pool.getStatus().getConditions().forEach(c -> previous.put(c.getType(), c));
        }
        List<Condition> conditions = new ArrayList<>();
        Condition validated = validation.valid()
                ? condition(previous, VALIDATION_SUCCEEDED, true, VALIDATION_SUCCEEDED, "", generation, now)
                : condition(previous, VALIDATION_SUCCEEDED, false, VALIDATION_FAILED_REASON, validation.message(), generation, now);
        Condition nodeClass = nodeClassProblem == null
                ? condition(previous, NODE_CLASS_READY, true, NODE_CLASS_READY, "", generation, now)
                : condition(previous, NODE_CLASS_READY, false, nodeClassFound ? NODE_CLASS_NOT_READY_REASON : NODE_CLASS_NOT_FOUND_REASON,
                        nodeClassProblem, generation, now);
        List<String> unhealthy = new ArrayList<>();
        for (Condition c : List.of(validated, nodeClass)) {
            if (!"True".equals(c.getStatus())) {
                unhealthy.add(c.getType() + "=False: " + c.getMessage());
            }
        }
        conditions.add(nodeClass);
        conditions.add(unhealthy.isEmpty()
                ? condition(previous, READY, true, READY, "", generation, now)
                : condition(previous, READY, false, UNHEALTHY_DEPENDENTS_REASON, String.join("; ", unhealthy), generation, now));
        conditions.add(validated);
        String reached = validation.valid() ? validation.pool().limits().reached(usage.committed()) : null;
        if (reached != null) {
            conditions.add(condition(previous, LIMITS_EXCEEDED, true, LIMITS_EXCEEDED,
                    "limit reached (" + reached + "), no new nodes are provisioned from this NodePool", generation, now));
        }
        NodePoolStatus status = new NodePoolStatus();
        status.setConditions(conditions);
        status.setResources(resources(usage.provisioned()));
        status.setNodes(usage.nodes());
        if (pool.getStatus() != null) {
            status.setNodeClassObservedGeneration(pool.getStatus().getNodeClassObservedGeneration());
        }
        return status;
    }

    /** The resource types the usage and limit gauges carry for a pool: those the status shows, and any it limits. */
    public static Set<String> gaugedResources(NodePool pool) {
        Set<String> out = new LinkedHashSet<>(SHOWN);
        if (pool.getSpec() != null && pool.getSpec().getLimits() != null) {
            out.addAll(pool.getSpec().getLimits().keySet());
        }
        return out;
    }

    static Map<String, Quantity> resources(ResourceList provisioned) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        for (String r : SHOWN) {
            out.put(r, new Quantity(ResourceList.formatMilli(provisioned.milli(r))));
        }
        provisioned.asMilliMap().forEach((r, v) -> {
            if (!out.containsKey(r)) {
                out.put(r, new Quantity(ResourceList.formatMilli(v)));
            }
        });
        return out;
    }

    private static Condition condition(Map<String, Condition> previous, String type, boolean ok, String reason, String message,
                                       Long generation, Instant now) {
        String status = ok ? "True" : "False";
        Condition before = previous.get(type);
        String since = before != null && status.equals(before.getStatus()) && before.getLastTransitionTime() != null
                ? before.getLastTransitionTime() : now.toString();
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

    /** Whether {@code after} is Ready and {@code before} was not (or had no status yet). */
    public static boolean turnedReady(NodePoolStatus before, NodePoolStatus after) {
        Condition was = find(before, READY);
        Condition is = find(after, READY);
        return is != null && "True".equals(is.getStatus()) && (was == null || !"True".equals(was.getStatus()));
    }

    /** The condition of that type, or null. */
    public static Condition find(NodePoolStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return null;
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
