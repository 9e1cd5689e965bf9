package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How many of a NodePool's nodes may start being disrupted now for one reason (pure). Each budget
 * that applies (its reasons include the reason or it lists none; its schedule, if any, hit within
 * its duration) allows {@code nodes} of them: a count, or a percentage of the pool's nodes rounded
 * up. The most restrictive applicable budget wins; nodes already being deleted or not Ready count
 * against it. With no applicable budget nothing is limited.
 */
public final class DisruptionBudgets {

    public static final String EMPTY = "Empty";
    public static final String DRIFTED = "Drifted";
    public static final String UNDERUTILIZED = "Underutilized";

    private DisruptionBudgets() {
    }

    /**
     * @param totalNodes  the pool's nodes, including those being disrupted
     * @param disrupting  nodes being deleted, plus nodes that are not Ready
     * @throws InvalidInputException naming {@code spec.disruption.budgets[i].<field>} for a bad budget
     */
    public static int allowed(List<Budget> budgets, String reason, int totalNodes, int disrupting, Instant now) {
        int limit = Integer.MAX_VALUE;
        if (budgets != null) {
            for (int i = 0; i < budgets.size(); i++) {
                Budget b = budgets.get(i);
                if (applies(b, reason, now, "spec.disruption.budgets[" + i + "]")) {
                    limit = Math.min(limit, nodes(b.getNodes(), totalNodes, "spec.disruption.budgets[" + i + "].nodes"));
                }
            }
        }
        if (limit == Integer.MAX_VALUE) {
            return Math.max(0, totalNodes - disrupting);
        }
        return Math.max(0, limit - disrupting);
    }

    /**
     * Checks every budget, whatever reason it is for, as the CRD's schema would have.
     *
     * @throws InvalidInputException naming {@code spec.disruption.budgets[i].<field>}
     */
    public static void check(List<Budget> budgets) {
        if (budgets == null) {
            return;
        }
        for (int i = 0; i < budgets.size(); i++) {
            Budget b = budgets.get(i);
            String field = "spec.disruption.budgets[" + i + "]";
            nodes(b.getNodes(), 0, field + ".nodes");
            if (b.getSchedule() != null) {
                window(b, field);
            }
        }
    }

    static boolean applies(Budget budget, String reason, Instant now, String field) {
        if (budget.getReasons() != null && !budget.getReasons().isEmpty() && !budget.getReasons().contains(reason)) {
            return false;
        }
        if (budget.getSchedule() == null) {
            return true;
        }
        Map.Entry<CronSchedule, Duration> window = window(budget, field);
        return window.getKey().activeAt(now, window.getValue());
    }

    /** The budget's schedule and how long each of its windows stays open. */
    private static Map.Entry<CronSchedule, Duration> window(Budget budget, String field) {
        if (budget.getDuration() == null) {
            throw new InvalidInputException(field + ".duration", "required with schedule");
        }
        Duration duration = DisruptionSettings.duration(budget.getDuration(), field + ".duration")
                .orElseThrow(() -> new InvalidInputException(field + ".duration", "Never is not a duration here"));
        try {
            return Map.entry(CronSchedule.parse(budget.getSchedule()), duration);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field + ".schedule", e.getMessage());
        }
    }

    /** A count, or a percentage of {@code total} rounded up, as Karpenter computes it. */
    static int nodes(String value, int total, String field) {
        String v = value == null ? Budget.DEFAULT_NODES : value.trim();
        try {
            if (v.endsWith("%")) {
                int percent = Integer.parseInt(v.substring(0, v.length() - 1));
                if (percent < 0 || percent > 100) {
                    throw new NumberFormatException();
                }
                return (int) Math.ceil(total * percent / 100.0);
            }
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a count or a percentage such as 10%, got '" + value + "'");
        }
    }
}
