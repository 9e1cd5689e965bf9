package dev.ebbflow.operator.provisioning.kube;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and sets a NodeClaim's status conditions. A condition keeps its {@code lastTransitionTime}
 * while its status does not change, so timeouts measured from a transition are not reset by a
 * reconcile that writes the same status again.
 */
public final class NodeClaimConditions {

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    private NodeClaimConditions() {
    }

    public static Optional<Condition> get(NodeClaim claim, String type) {
        if (claim.getStatus() == null || claim.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return claim.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    public static boolean isTrue(NodeClaim claim, String type) {
        return get(claim, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /** When the condition last became {@code True}, if it is True. */
    public static Optional<Instant> trueSince(NodeClaim claim, String type) {
        return get(claim, type).filter(c -> TRUE.equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()));
    }

    /** Sets one condition on the claim's status (creating the status if needed). */
    public static void set(NodeClaim claim, String type, String status, String reason, String message, Instant now) {
        NodeClaimStatus s = claim.getStatus() == null ? new NodeClaimStatus() : claim.getStatus();
        claim.setStatus(s);
        List<Condition> conditions = s.getConditions() == null ? new ArrayList<>() : new ArrayList<>(s.getConditions());
        Condition previous = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = previous != null && status.equals(previous.getStatus()) && previous.getLastTransitionTime() != null
                ? previous.getLastTransitionTime() : now.toString();
        Condition next = new ConditionBuilder().withType(type).withStatus(status)
                .withReason(reason).withMessage(message == null ? "" : message)
                .withLastTransitionTime(since)
                .withObservedGeneration(claim.getMetadata().getGeneration())
                .build();
        if (previous == null) {
            conditions.add(next);
        } else {
            conditions.set(conditions.indexOf(previous), next);
        }
        s.setConditions(conditions);
    }

    /**
     * Ready is Karpenter's root condition: True once Launched, Registered and Initialized are, else
     * it carries the first one that is not.
     */
    public static void updateReady(NodeClaim claim, Instant now) {
        for (String type : List.of(NodeClaimStatus.LAUNCHED, NodeClaimStatus.REGISTERED, NodeClaimStatus.INITIALIZED)) {
            Optional<Condition> c = get(claim, type);
            if (c.isEmpty() || !TRUE.equals(c.get().getStatus())) {
                String status = c.map(Condition::getStatus).filter(FALSE::equals).orElse(UNKNOWN);
                String message = c.map(Condition::getMessage).filter(m -> !m.isEmpty()).orElse(type + " is not True");
                set(claim, NodeClaimStatus.READY, status, "Not" + type, message, now);
                return;
            }
        }
        set(claim, NodeClaimStatus.READY, TRUE, NodeClaimStatus.READY, "", now);
    }
}
