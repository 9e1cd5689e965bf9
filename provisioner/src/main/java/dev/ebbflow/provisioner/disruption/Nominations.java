package dev.ebbflow.provisioner.disruption;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where the provisioner last promised pods a place, by Node or NodeClaim name, and when. Such a node
 * stays out of disruption for the nomination window: the pods are only nominated to it, and
 * kube-scheduler binds them seconds later; deleting it in between would strand them. A claim whose
 * pods still wait for it is nominated again at every provisioning round, so it stays protected while
 * they wait.
 */
public record Nominations(Map<String, Instant> byTarget) {

    public static final Nominations NONE = new Nominations(Map.of());

    public Nominations {
        byTarget = Map.copyOf(byTarget);
    }

    /**
     * The nominations with {@code held} (nodes and claims whose room provisioning ahead still holds for
     * pods to come) counted as nominated {@code now}, until the pods come or the reservation expires.
     */
    public static Nominations withHeld(Map<String, Instant> nominatedAt, java.util.Set<String> held, Instant now) {
        if (held.isEmpty()) {
            return new Nominations(nominatedAt);
        }
        Map<String, Instant> all = new java.util.HashMap<>(nominatedAt);
        held.forEach(target -> all.put(target, now));
        return new Nominations(all);
    }

    /** Whether pods were nominated to the node or its claim less than {@code window} before {@code now}. */
    public boolean protects(NodeState n, Instant now, Duration window) {
        return recent(n.claim(), now, window) || (n.nodeName() != null && recent(n.nodeName(), now, window));
    }

    /** When the protection of the node ends, if it is protected now. */
    Instant protectedUntil(NodeState n, Duration window) {
        Instant a = byTarget.get(n.claim());
        Instant b = n.nodeName() == null ? null : byTarget.get(n.nodeName());
        Instant last = a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
        return last == null ? null : last.plus(window);
    }

    private boolean recent(String target, Instant now, Duration window) {
        Instant at = byTarget.get(target);
        return at != null && now.isBefore(at.plus(window));
    }
}
