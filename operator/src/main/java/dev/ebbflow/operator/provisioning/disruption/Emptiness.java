package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.kube.Nodes;
import dev.ebbflow.operator.provisioning.kube.Pods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
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
 * pods (DaemonSet, static and finished pods do not count) is removed once {@code consolidateAfter}
 * has passed since the last pod left it (or since it initialized), unless it or its claim carries
 * {@code karpenter.sh/do-not-disrupt: "true"}; at most as many at once as the {@code Empty} budgets
 * allow, longest-empty first. A node is not removed within the nomination window
 * ({@link #NOMINATION_WINDOW} by default) of its initialization either: the pods it was made for are only nominated to it, and kube-scheduler binds
 * them once the node lifecycle controller has lifted the not-ready taint and its own back-off has
 * passed, seconds later on a real control plane (Karpenter keeps a node it nominated pods to out of
 * disruption for such a window).
 */
public final class Emptiness {

    /** Karpenter's nomination window: twice its default 10 s batch max duration. */
    public static final Duration NOMINATION_WINDOW = Duration.ofSeconds(20);

    /** A claim of the pool with its Node (null before registration) and the pods bound to it. */
    public record ClaimState(NodeClaim claim, Node node, List<Pod> pods) {
    }

    /**
     * @param remove     claims to delete now
     * @param blocked    empty claims past consolidateAfter that the budgets hold back
     * @param nextCheck  when a not-yet-eligible empty claim becomes eligible
     */
    public record Decision(List<NodeClaim> remove, List<NodeClaim> blocked, Optional<Instant> nextCheck) {
        static Decision nothing() {
            return new Decision(List.of(), List.of(), Optional.empty());
        }
    }

    private Emptiness() {
    }

    /** With Karpenter's nomination window. */
    public static Decision decide(NodePool pool, List<ClaimState> claims, Instant now) {
        return decide(pool, claims, now, NOMINATION_WINDOW);
    }

    /** @throws IllegalArgumentException naming the NodePool field that cannot be read */
    public static Decision decide(NodePool pool, List<ClaimState> claims, Instant now, Duration nominationWindow) {
        DisruptionSettings disruption = DisruptionSettings.of(pool);
        if (disruption.consolidateAfter().isEmpty()) {
            return Decision.nothing();
        }
        Duration after = disruption.consolidateAfter().get();
        int total = 0;
        int disrupting = 0;
        List<Map.Entry<NodeClaim, Instant>> eligible = new ArrayList<>();
        Optional<Instant> next = Optional.empty();
        for (ClaimState s : claims) {
            boolean deleting = s.claim().getMetadata().getDeletionTimestamp() != null;
            if (s.node() != null || deleting) {
                total++;
            }
            if (deleting || (s.node() != null && !Nodes.isReady(s.node()))) {
                disrupting++;
                continue;
            }
            Optional<Instant> emptySince = emptySince(s);
            if (emptySince.isEmpty()) {
                continue;
            }
            Instant emptyEnough = emptySince.get().plus(after);
            Instant nominationOver = NodeClaimConditions.trueSince(s.claim(), NodeClaimStatus.INITIALIZED).orElseThrow().plus(nominationWindow);
            Instant eligibleAt = emptyEnough.isAfter(nominationOver) ? emptyEnough : nominationOver;
            if (now.isBefore(eligibleAt)) {
                next = Optional.of(next.map(n -> n.isBefore(eligibleAt) ? n : eligibleAt).orElse(eligibleAt));
            } else {
                eligible.add(Map.entry(s.claim(), emptySince.get()));
            }
        }
        eligible.sort(Comparator.comparing((Map.Entry<NodeClaim, Instant> e) -> e.getValue())
                .thenComparing(e -> e.getKey().getMetadata().getName()));
        int allowed = eligible.isEmpty() ? 0 : disruption.allowed(DisruptionBudgets.EMPTY, total, disrupting, now);
        List<NodeClaim> remove = new ArrayList<>();
        List<NodeClaim> blocked = new ArrayList<>();
        for (Map.Entry<NodeClaim, Instant> e : eligible) {
            (remove.size() < allowed ? remove : blocked).add(e.getKey());
        }
        return new Decision(remove, blocked, next);
    }

    /** Since when the claim's node has been empty, if it is an initialized, disruptable, empty node. */
    static Optional<Instant> emptySince(ClaimState s) {
        if (s.node() == null || doNotDisrupt(s.claim().getMetadata().getAnnotations()) || doNotDisrupt(s.node().getMetadata().getAnnotations())) {
            return Optional.empty();
        }
        Optional<Instant> initialized = NodeClaimConditions.trueSince(s.claim(), NodeClaimStatus.INITIALIZED);
        if (initialized.isEmpty() || s.pods().stream().anyMatch(Pods::isReschedulable)) {
            return Optional.empty();
        }
        String lastPodEvent = s.claim().getStatus().getLastPodEventTime();
        Instant since = initialized.get();
        if (lastPodEvent != null && Instant.parse(lastPodEvent).isAfter(since)) {
            since = Instant.parse(lastPodEvent);
        }
        return Optional.of(since);
    }

    private static boolean doNotDisrupt(Map<String, String> annotations) {
        return annotations != null && "true".equals(annotations.get(Pods.DO_NOT_DISRUPT_ANNOTATION));
    }
}
