package dev.ebbflow.provisioner.disruption;

import java.time.Duration;
import java.time.Instant;

/**
 * How much disrupting a node would hurt its workloads, so that the cheapest to disrupt go first, as
 * Karpenter documents it: nodes running fewer pods, pods of lower priority or lower
 * {@code controller.kubernetes.io/pod-deletion-cost}, and nodes that will expire soon anyway.
 */
public final class DisruptionCost {

    // Scales that keep one pod's priority or deletion cost from outweighing the pod itself.
    private static final double PRIORITY_SCALE = 1 << 25;
    private static final double DELETION_COST_SCALE = 1 << 27;

    private DisruptionCost() {
    }

    public static double of(NodeState n, Instant now) {
        double cost = 0;
        for (PodState p : n.pods()) {
            cost += 1 + clamp(p.deletionCost() / DELETION_COST_SCALE) + clamp(p.priority() / PRIORITY_SCALE);
        }
        return cost * lifetimeRemaining(n, now);
    }

    /** The share of its life the node has left: 1 when it never expires, towards 0 as expiry nears. */
    static double lifetimeRemaining(NodeState n, Instant now) {
        if (n.expiresAt() == null || n.initializedAt() == null) {
            return 1;
        }
        Duration life = Duration.between(n.initializedAt(), n.expiresAt());
        if (life.isZero() || life.isNegative()) {
            return 0;
        }
        double left = (double) Duration.between(now, n.expiresAt()).toMillis() / life.toMillis();
        return Math.max(0, Math.min(1, left));
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
