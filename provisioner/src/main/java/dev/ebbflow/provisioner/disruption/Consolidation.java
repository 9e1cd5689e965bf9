package dev.ebbflow.provisioner.disruption;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Consolidation of underutilized nodes ({@code WhenEmptyOrUnderutilized}), pure: first several nodes
 * at once (multi-node: the longest prefix of the candidates, cheapest to disrupt first, whose pods fit
 * on the nodes that stay plus at most one new cheaper node, found by binary search as Karpenter
 * does), else one node (single-node: the first candidate that can be deleted or replaced by one
 * cheaper node). Empty nodes are {@link Emptiness}'s. Nothing happens while pods are pending: their
 * room is not settled yet. A command is carried out only after {@link #validate} agrees with fresh
 * state {@link #VALIDATION_DELAY} later.
 */
public final class Consolidation {

    /** Karpenter's wait before acting on a consolidation decision, to see it still holds. */
    public static final Duration VALIDATION_DELAY = Duration.ofSeconds(15);
    /** Karpenter looks at no more than this many candidates at once in multi-node consolidation. */
    public static final int MAX_MULTI_NODE_CANDIDATES = 100;

    public static final String SINGLE = "single";
    public static final String MULTI = "multi";
    public static final String EMPTY = "empty";

    /**
     * @param command          what to do, if anything
     * @param eligible         how many nodes were candidates
     * @param unconsolidatable why candidates, or nodes that would have been, cannot be consolidated, by claim name
     * @param budgetBlocked    candidates the {@code Underutilized} budgets hold back
     */
    public record Result(Optional<Command> command, int eligible, Map<String, String> unconsolidatable, List<String> budgetBlocked) {
    }

    private Consolidation() {
    }

    public static Result decide(ConsolidationInput in) {
        return decide(in, (type, took) -> { });
    }

    /** @param took told how long each method took to evaluate ({@link #MULTI}, then {@link #SINGLE} when multi found nothing) */
    public static Result decide(ConsolidationInput in, BiConsumer<String, Duration> took) {
        Candidates.Result candidates = Candidates.underutilized(in);
        Map<String, String> why = new LinkedHashMap<>(candidates.unconsolidatable());
        if (!in.pending().isEmpty() || candidates.eligible().isEmpty()) {
            return new Result(Optional.empty(), candidates.eligible().size(), why, List.of());
        }
        Candidates.Budgeted budgeted = Candidates.withinBudgets(candidates.eligible(), in, DisruptionBudgets.UNDERUTILIZED);
        RemovalSimulation simulation = new RemovalSimulation(in);
        long start = System.nanoTime();
        Optional<Command> command = multiNode(budgeted.allowed(), simulation);
        took.accept(MULTI, Duration.ofNanos(System.nanoTime() - start));
        if (command.isEmpty()) {
            start = System.nanoTime();
            command = singleNode(budgeted.allowed(), simulation, why);
            took.accept(SINGLE, Duration.ofNanos(System.nanoTime() - start));
        }
        return new Result(command, candidates.eligible().size(), why, budgeted.blocked());
    }

    /** The longest prefix (two nodes or more) that can go at once; validity is not monotone, so this is a heuristic, as Karpenter's is. */
    static Optional<Command> multiNode(List<NodeState> candidates, RemovalSimulation simulation) {
        int max = Math.min(candidates.size(), MAX_MULTI_NODE_CANDIDATES);
        int lo = 2;
        int hi = max;
        Optional<Command> best = Optional.empty();
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            RemovalSimulation.Outcome o = simulation.simulate(candidates.subList(0, mid), DisruptionBudgets.UNDERUTILIZED, MULTI);
            if (o.command().isPresent()) {
                best = o.command();
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }

    static Optional<Command> singleNode(List<NodeState> candidates, RemovalSimulation simulation, Map<String, String> why) {
        for (NodeState n : candidates) {
            RemovalSimulation.Outcome o = simulation.simulate(List.of(n), DisruptionBudgets.UNDERUTILIZED, SINGLE);
            if (o.command().isPresent()) {
                return o.command();
            }
            why.put(n.claim(), o.whyNot());
        }
        return Optional.empty();
    }

    /**
     * Whether a command decided {@link #VALIDATION_DELAY} ago still holds on fresh state: no pod is
     * pending, every candidate is still one and within its budget, and the same removal still comes
     * out the same way (a replacement no dearer than decided).
     *
     * @return why it no longer holds; empty when it does
     */
    public static Optional<String> validate(Command command, ConsolidationInput fresh) {
        if (!fresh.pending().isEmpty()) {
            return Optional.of(fresh.pending().size() + " pods are pending");
        }
        Candidates.Result candidates = Candidates.underutilized(fresh);
        Candidates.Budgeted budgeted = Candidates.withinBudgets(candidates.eligible(), fresh, command.reason());
        Set<String> allowed = new HashSet<>();
        budgeted.allowed().forEach(n -> allowed.add(n.claim()));
        List<NodeState> again = budgeted.allowed().stream().filter(n -> command.candidates().contains(n.claim())).toList();
        for (String c : command.candidates()) {
            if (!allowed.contains(c)) {
                return Optional.of("nodeclaim " + c + " is no longer a candidate" + (candidates.unconsolidatable().containsKey(c)
                        ? ": " + candidates.unconsolidatable().get(c) : budgeted.blocked().contains(c) ? ": budget exhausted" : ""));
            }
        }
        RemovalSimulation.Outcome o = new RemovalSimulation(fresh).simulate(again, command.reason(), command.consolidationType());
        if (o.command().isEmpty()) {
            return Optional.of(o.whyNot());
        }
        Command now = o.command().get();
        if (now.decision() != command.decision()) {
            return Optional.of("the decision changed from " + command.decision().label() + " to " + now.decision().label());
        }
        if (now.decision() == Command.Decision.REPLACE
                && now.replacement().get().cheapest().price() > command.replacement().get().cheapest().price() + 1e-9) {
            return Optional.of("the replacement's price rose");
        }
        return Optional.empty();
    }
}
