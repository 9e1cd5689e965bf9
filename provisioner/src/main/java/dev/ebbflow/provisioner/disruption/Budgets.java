package dev.ebbflow.provisioner.disruption;

import java.time.Instant;
import java.util.List;

/** A NodePool's disruption budget for one reason, counted over its claims as Karpenter counts them. */
public final class Budgets {

    private Budgets() {
    }

    /**
     * How many more of the pool's nodes may start being disrupted for {@code reason} now: the pool's
     * nodes are its registered claims plus those being deleted; those being deleted or not Ready
     * count against the budget.
     */
    public static int allowed(DisruptionSettings settings, String reason, List<NodeState> poolNodes, Instant now) {
        int total = 0;
        int disrupting = 0;
        for (NodeState n : poolNodes) {
            if (n.counted()) {
                total++;
            }
            if (n.disrupting()) {
                disrupting++;
            }
        }
        return settings.allowed(reason, total, disrupting, now);
    }
}
