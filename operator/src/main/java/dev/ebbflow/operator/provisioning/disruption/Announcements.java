package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import io.fabric8.kubernetes.api.model.Node;
import java.util.HashMap;
import java.util.Map;

/**
 * Why a pass leaves claims alone, as Events on each claim and its node ({@code Unconsolidatable},
 * {@code DisruptionBlocked}), once per claim and message: Karpenter repeats them every pass and the
 * Event recorder folds the repeats; here a repeat is simply not sent.
 */
final class Announcements {

    /** An Event's reason and message. */
    record Why(String reason, String message) {
    }

    private final KarpenterEvents events;
    private final Map<String, Why> announced = new HashMap<>();

    Announcements(KarpenterEvents events) {
        this.events = events;
    }

    /** @param now why each claim is left alone this pass, by claim name; a claim missing here may be announced again later */
    void announce(Map<String, Why> now, ConsolidationInputs.Read read) {
        now.forEach((claimName, why) -> {
            NodeClaim claim = read.claims().get(claimName);
            if (claim == null || why.equals(announced.get(claimName))) {
                return;
            }
            events.normal(claim, why.reason(), why.message());
            Node node = read.nodes().get(claimName);
            if (node != null) {
                events.normal(node, why.reason(), why.message());
            }
        });
        announced.clear();
        announced.putAll(now);
    }

    static String budgetBlocked(String reason) {
        return "No allowed disruptions for disruption reason " + reason + " due to blocking budget";
    }
}
