package dev.ebbflow.provisioner.disruption;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replacement of drifted nodes (pure), as Karpenter's drift method: candidates are the claims marked
 * drifted that are registered, initialized, not already being disrupted, not nominated to lately and
 * with nothing that forbids moving them ({@code do-not-disrupt}, a PodDisruptionBudget with no
 * disruption left), cheapest to disrupt first, as many as each pool's {@code Drifted} budget allows.
 * The empty ones among them are deleted together; otherwise the first candidate whose pods fit on the
 * other nodes, in-flight claims or new claims of its pool as the pool is now (as many as they need,
 * whatever they cost) is deleted or replaced. A replacement launches before the node goes, so one budget's worth is
 * disrupted at a time: a node being disrupted counts against its budget until it is gone.
 */
public final class DriftDisruption {

    /**
     * @param command       what to do, if anything
     * @param eligible      how many drifted claims were candidates
     * @param blocked       why drifted claims may not be disrupted now, by claim name
     * @param budgetBlocked candidates the {@code Drifted} budgets hold back
     */
    public record Result(Optional<Command> command, int eligible, Map<String, String> blocked, List<String> budgetBlocked) {
    }

    private DriftDisruption() {
    }

    /** @param drifted the drift reason of each drifted claim, by claim name */
    public static Result decide(ConsolidationInput in, Map<String, String> drifted) {
        List<NodeState> drifting = new ArrayList<>();
        for (NodeState n : in.claims()) {
            if (drifted.containsKey(n.claim()) && in.settings().containsKey(n.nodePool()) && n.registered() && n.initializedAt() != null
                    && !n.disrupting() && !in.nominations().protects(n, in.now(), in.nominationWindow())) {
                drifting.add(n);
            }
        }
        Map<String, String> why = new LinkedHashMap<>();
        List<NodeState> eligible = Candidates.movableByCost(drifting, in.now(), why);
        Candidates.Budgeted budgeted = Candidates.withinBudgets(eligible, in, DisruptionBudgets.DRIFTED);
        List<NodeState> empty = budgeted.allowed().stream().filter(n -> n.pods().isEmpty()).toList();
        if (!empty.isEmpty()) {
            double price = empty.stream().mapToDouble(n -> n.offer().pricePerHour()).sum();
            Command delete = new Command(Command.Decision.DELETE, DisruptionBudgets.DRIFTED, "", empty.stream().map(NodeState::claim).toList(),
                    List.of(), price);
            return new Result(Optional.of(delete), eligible.size(), why, budgeted.blocked());
        }
        RemovalSimulation simulation = new RemovalSimulation(in);
        for (NodeState n : budgeted.allowed()) {
            RemovalSimulation.Outcome o = simulation.simulateReplacement(List.of(n), DisruptionBudgets.DRIFTED);
            if (o.command().isPresent()) {
                return new Result(o.command(), eligible.size(), why, budgeted.blocked());
            }
            why.put(n.claim(), o.whyNot());
        }
        return new Result(Optional.empty(), eligible.size(), why, budgeted.blocked());
    }
}
