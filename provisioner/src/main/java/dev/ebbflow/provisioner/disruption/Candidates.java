package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.crds.karpenter.ConsolidationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which nodes consolidation may look at, cheapest to disrupt first (pure): nodes of a pool with
 * {@code WhenEmptyOrUnderutilized}, initialized, not being disrupted, quiet for {@code consolidateAfter}
 * (never with {@code Never}), not nominated to lately, running pods (empty nodes are emptiness's), and
 * with nothing that forbids moving them: {@code do-not-disrupt} on the node, its claim or a pod, or a
 * pod whose PodDisruptionBudget allows no eviction now.
 */
public final class Candidates {

    /**
     * @param eligible         in the order to try them
     * @param unconsolidatable why some otherwise quiet nodes may not be moved, by claim name
     */
    public record Result(List<NodeState> eligible, Map<String, String> unconsolidatable) {
    }

    /** The candidates each pool's budget lets go now, and the claims the budgets hold back. */
    public record Budgeted(List<NodeState> allowed, List<String> blocked) {
    }

    private Candidates() {
    }

    public static Result underutilized(ConsolidationInput in) {
        List<NodeState> quiet = new ArrayList<>();
        for (NodeState n : in.claims()) {
            DisruptionSettings s = in.settings().get(n.nodePool());
            if (s == null || !ConsolidationPolicy.WhenEmptyOrUnderutilized.name().equals(s.consolidationPolicy()) || s.consolidateAfter().isEmpty()
                    || !n.registered() || n.initializedAt() == null || n.disrupting() || n.pods().isEmpty()) {
                continue;
            }
            if (in.now().isBefore(n.quietSince().plus(s.consolidateAfter().get())) || in.now().isBefore(n.initializedAt().plus(in.nominationWindow()))
                    || in.nominations().protects(n, in.now(), in.nominationWindow())) {
                continue;
            }
            quiet.add(n);
        }
        Map<String, String> why = new LinkedHashMap<>();
        return new Result(movableByCost(quiet, in.now(), why), why);
    }

    /**
     * The nodes nothing forbids moving, cheapest to disrupt first; why the others may not be moved is
     * put in {@code why}, by claim name.
     */
    static List<NodeState> movableByCost(List<NodeState> nodes, Instant now, Map<String, String> why) {
        List<NodeState> movable = new ArrayList<>();
        Map<String, Double> cost = new HashMap<>();
        for (NodeState n : nodes) {
            String blocker = blocker(n);
            if (blocker != null) {
                why.put(n.claim(), blocker);
                continue;
            }
            movable.add(n);
            cost.put(n.claim(), DisruptionCost.of(n, now));
        }
        movable.sort(Comparator.comparing((NodeState n) -> cost.get(n.claim())).thenComparing(NodeState::claim));
        return movable;
    }

    /** Keeps, pool by pool and in order, as many candidates as the pool's {@code reason} budget allows now. */
    public static Budgeted withinBudgets(List<NodeState> candidates, ConsolidationInput in, String reason) {
        Map<String, List<NodeState>> byPool = new HashMap<>();
        for (NodeState n : in.claims()) {
            byPool.computeIfAbsent(n.nodePool(), p -> new ArrayList<>()).add(n);
        }
        Map<String, Integer> left = new HashMap<>();
        List<NodeState> allowed = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (NodeState n : candidates) {
            int l = left.computeIfAbsent(n.nodePool(), p -> Budgets.allowed(in.settings().get(p), reason, byPool.get(p), in.now()));
            if (l > 0) {
                allowed.add(n);
                left.put(n.nodePool(), l - 1);
            } else {
                blocked.add(n.claim());
            }
        }
        return new Budgeted(allowed, blocked);
    }

    /** What forbids moving the node's pods now, as Karpenter words it; null when nothing does. */
    static String blocker(NodeState n) {
        if (n.doNotDisrupt()) {
            return "disruption is blocked through the \"karpenter.sh/do-not-disrupt\" annotation";
        }
        for (PodState p : n.pods()) {
            if (p.doNotDisrupt()) {
                return "pod " + p.pod().key() + " has \"karpenter.sh/do-not-disrupt\" annotation";
            }
            if (p.evictionBlockedBy() != null) {
                return "pod " + p.pod().key() + " cannot be evicted: " + p.evictionBlockedBy();
            }
        }
        return null;
    }
}
