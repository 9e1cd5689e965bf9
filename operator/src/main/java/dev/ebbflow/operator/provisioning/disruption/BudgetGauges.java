package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.provisioner.disruption.ConsolidationInput;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.NodeState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code karpenter_nodepools_allowed_disruptions{nodepool,reason}} as Karpenter reports it: for every
 * pool and reason, what its active budgets allow over its nodes, before the nodes already being
 * disrupted are taken off. A pool that is gone loses its series.
 */
final class BudgetGauges {

    static final List<String> REASONS = List.of(DisruptionBudgets.DRIFTED, DisruptionBudgets.EMPTY, DisruptionBudgets.UNDERUTILIZED);

    private final KarpenterMetrics metrics;
    private final Set<String> reported = new HashSet<>();

    BudgetGauges(KarpenterMetrics metrics) {
        this.metrics = metrics;
    }

    void record(ConsolidationInput in) {
        Map<String, Integer> nodes = new HashMap<>();
        for (NodeState n : in.claims()) {
            if (n.counted()) {
                nodes.merge(n.nodePool(), 1, Integer::sum);
            }
        }
        for (Map.Entry<String, DisruptionSettings> pool : in.settings().entrySet()) {
            for (String reason : REASONS) {
                metrics.setAllowedDisruptions(pool.getKey(), reason, pool.getValue().allowed(reason, nodes.getOrDefault(pool.getKey(), 0), 0, in.now()));
            }
        }
        for (String gone : reported) {
            if (!in.settings().containsKey(gone)) {
                REASONS.forEach(r -> metrics.removeAllowedDisruptions(gone, r));
            }
        }
        reported.clear();
        reported.addAll(in.settings().keySet());
    }
}
