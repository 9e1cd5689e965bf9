package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.disruption.NodeState;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's side of emptiness: reads each claim into a {@link NodeState} and asks the core's
 * {@link dev.ebbflow.provisioner.disruption.Emptiness}, the same decision the simulator takes.
 */
public final class Emptiness {

    public static final Duration NOMINATION_WINDOW = dev.ebbflow.provisioner.disruption.Emptiness.NOMINATION_WINDOW;

    /** A claim of the pool with its Node (null before registration) and the pods bound to it. */
    public record ClaimState(NodeClaim claim, Node node, List<Pod> pods) {
    }

    /**
     * @param remove    claims to delete now
     * @param blocked   empty claims past consolidateAfter that the budgets hold back
     * @param nextCheck when a not-yet-eligible empty claim becomes eligible
     */
    public record Decision(List<NodeClaim> remove, List<NodeClaim> blocked, Optional<Instant> nextCheck) {
    }

    private Emptiness() {
    }

    /** With Karpenter's nomination window and no nominations. */
    public static Decision decide(NodePool pool, List<ClaimState> claims, Instant now) {
        return decide(pool, claims, Nominations.NONE, now, NOMINATION_WINDOW);
    }

    /** @throws IllegalArgumentException naming the NodePool field that cannot be read */
    public static Decision decide(NodePool pool, List<ClaimState> claims, Nominations nominations, Instant now, Duration nominationWindow) {
        Map<String, NodeClaim> byName = new HashMap<>();
        List<NodeState> states = new ArrayList<>();
        for (ClaimState s : claims) {
            byName.put(s.claim().getMetadata().getName(), s.claim());
            states.add(NodeStates.of(s.claim(), s.node(), s.pods()));
        }
        dev.ebbflow.provisioner.disruption.Emptiness.Decision d = dev.ebbflow.provisioner.disruption.Emptiness.decide(
                DisruptionSettings.of(pool), states, nominations, now, nominationWindow);
        return new Decision(d.remove().stream().map(byName::get).toList(), d.blocked().stream().map(byName::get).toList(), d.nextCheck());
    }
}
