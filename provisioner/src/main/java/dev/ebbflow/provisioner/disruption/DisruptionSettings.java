package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.ConsolidationPolicy;
import dev.ebbflow.crds.karpenter.Disruption;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one reading of a NodePool's {@code spec.disruption}, shared by the operator's emptiness
 * controller and the what-if simulator so that both remove the same empty nodes at the same time.
 * Absent fields take the CRD's defaults (an explicit null too, as the API server's defaulting does).
 *
 * @param consolidateAfter empty for {@code Never}
 */
public record DisruptionSettings(String consolidationPolicy, Optional<Duration> consolidateAfter, List<Budget> budgets) {

    private static final List<Budget> DEFAULT_BUDGETS = List.of(new Budget(Budget.DEFAULT_NODES));

    public DisruptionSettings {
        budgets = List.copyOf(budgets);
    }

    /** @throws InvalidInputException naming the first field of {@code spec.disruption} that cannot be read */
    public static DisruptionSettings of(NodePool pool) {
        Disruption d = pool.getSpec() == null || pool.getSpec().getDisruption() == null ? new Disruption() : pool.getSpec().getDisruption();
        String policy = d.getConsolidationPolicy() == null ? ConsolidationPolicy.WhenEmptyOrUnderutilized.name() : d.getConsolidationPolicy();
        if (!ConsolidationPolicy.WhenEmpty.name().equals(policy) && !ConsolidationPolicy.WhenEmptyOrUnderutilized.name().equals(policy)) {
            throw new InvalidInputException("spec.disruption.consolidationPolicy", "must be WhenEmpty or WhenEmptyOrUnderutilized, got '" + policy + "'");
        }
        Optional<Duration> after = duration(d.getConsolidateAfter() == null ? Disruption.DEFAULT_CONSOLIDATE_AFTER : d.getConsolidateAfter(),
                "spec.disruption.consolidateAfter");
        List<Budget> budgets = d.getBudgets() == null ? DEFAULT_BUDGETS : d.getBudgets();
        DisruptionBudgets.check(budgets);
        return new DisruptionSettings(policy, after, budgets);
    }

    /** How many nodes may start being disrupted now for {@code reason}; see {@link DisruptionBudgets#allowed}. */
    public int allowed(String reason, int totalNodes, int disrupting, Instant now) {
        return DisruptionBudgets.allowed(budgets, reason, totalNodes, disrupting, now);
    }

    /** A Go duration or {@code Never} (empty) of the API. */
    static Optional<Duration> duration(String text, String field) {
        try {
            return GoDurations.parse(text, field);
        } catch (IllegalArgumentException e) {
            String prefix = field + ": ";
            throw new InvalidInputException(field, e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage());
        }
    }
}
