package dev.ebbflow.provisioner.disruption;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which empty nodes of one NodePool to remove now (pure). With {@code consolidationPolicy}
 * {@code WhenEmpty} or {@code WhenEmptyOrUnderutilized}, an initialized node without reschedulable
 * pods is removed once {@code consolidateAfter} has passed since the last pod left it (or since it
 * initialized), unless it or its claim carries {@code karpenter.sh/do-not-disrupt: "true"}; at most
 * as many at once as the {@code Empty} budgets allow, longest-empty first. A node is not removed within
 * the nomination window of its initialization, nor of the last time the provisioner nominated pods to
 * it ({@link Nominations}): the pods it was made for are only nominated to it, and kube-scheduler binds
 * them once the node lifecycle controller has lifted the not-ready taint and its own back-off has
 * passed, seconds later on a real control plane.
 */
public final class Emptiness {

    /** Karpenter's nomination window: twice its default 10 s batch max duration. */
    public static final Duration NOMINATION_WINDOW = Duration.ofSeconds(20);

    /**
     * @param remove    claims to delete now
     * @param blocked   empty claims past consolidateAfter that the budgets hold back
     * @param nextCheck when a not-yet-eligible empty claim becomes eligible
     */
    public record Decision(List<String> remove, List<String> blocked, Optional<Instant> nextCheck) {
        static Decision nothing() {
            return new Decision(List.of(), List.of(), Optional.empty());
        }
    }

    private Emptiness() {
    }

    /** @param nodes the pool's claims, every one of them (those being deleted count against the budget) */
    public static Decision decide(DisruptionSettings settings, List<NodeState> nodes, Nominations nominations, Instant now,
                                  Duration nominationWindow) {
        if (settings.consolidateAfter().isEmpty()) {
            return Decision.nothing();
        }
        Duration after = settings.consolidateAfter().get();
        List<Map.Entry<String, Instant>> eligible = new ArrayList<>();
        Optional<Instant> next = Optional.empty();
        for (NodeState n : nodes) {
            if (n.disrupting() || !isEmptyCandidate(n)) {
                continue;
            }
            Instant eligibleAt = latest(n.quietSince().plus(after), n.initializedAt().plus(nominationWindow),
                    nominations.protectedUntil(n, nominationWindow));
            if (now.isBefore(eligibleAt)) {
                next = Optional.of(next.map(x -> x.isBefore(eligibleAt) ? x : eligibleAt).orElse(eligibleAt));
            } else {
                eligible.add(Map.entry(n.claim(), n.quietSince()));
            }
        }
        eligible.sort(Comparator.comparing((Map.Entry<String, Instant> e) -> e.getValue()).thenComparing(Map.Entry::getKey));
        int allowed = eligible.isEmpty() ? 0 : Budgets.allowed(settings, DisruptionBudgets.EMPTY, nodes, now);
        List<String> remove = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        for (Map.Entry<String, Instant> e : eligible) {
            (remove.size() < allowed ? remove : blocked).add(e.getKey());
        }
        return new Decision(remove, blocked, next);
    }

    /** An initialized, registered node that may be disrupted and has no reschedulable pod. */
    public static boolean isEmptyCandidate(NodeState n) {
        return n.registered() && n.initializedAt() != null && !n.doNotDisrupt() && n.pods().isEmpty();
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant m = a.isAfter(b) ? a : b;
        return c != null && c.isAfter(m) ? c : m;
    }
}
