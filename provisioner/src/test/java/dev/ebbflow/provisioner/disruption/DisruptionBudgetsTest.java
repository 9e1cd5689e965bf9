package dev.ebbflow.provisioner.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.Budget;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisruptionBudgetsTest {

    private static final Instant MONDAY_10H = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant MONDAY_20H = Instant.parse("2026-01-05T20:00:00Z");

    private static Budget budget(String nodes, String schedule, String duration, String... reasons) {
        Budget b = new Budget(nodes);
        b.setSchedule(schedule);
        b.setDuration(duration);
        b.setReasons(reasons.length == 0 ? null : List.of(reasons));
        return b;
    }

    @Test
    void percentagesRoundUpAsKarpenterDocuments() {
        // 20% of 19 nodes is 3.8: four may be disrupted.
        assertThat(DisruptionBudgets.allowed(List.of(new Budget("20%")), "Empty", 19, 0, MONDAY_10H)).isEqualTo(4);
        // the default 10% of 5 nodes is 0.5: one.
        assertThat(DisruptionBudgets.allowed(List.of(new Budget(Budget.DEFAULT_NODES)), "Empty", 5, 0, MONDAY_10H)).isEqualTo(1);
        assertThat(DisruptionBudgets.allowed(List.of(new Budget("0%")), "Empty", 5, 0, MONDAY_10H)).isZero();
    }

    @Test
    void nodesBeingDisruptedCountAgainstTheBudget() {
        assertThat(DisruptionBudgets.allowed(List.of(new Budget("3")), "Empty", 10, 2, MONDAY_10H)).isEqualTo(1);
        assertThat(DisruptionBudgets.allowed(List.of(new Budget("3")), "Empty", 10, 5, MONDAY_10H)).isZero();
    }

    @Test
    void theMostRestrictiveApplicableBudgetWins() {
        List<Budget> budgets = List.of(new Budget("20%"), new Budget("5"), budget("0", "0 9 * * 1-5", "8h"));
        assertThat(DisruptionBudgets.allowed(budgets, "Empty", 100, 0, MONDAY_10H)).isZero();
        assertThat(DisruptionBudgets.allowed(budgets, "Empty", 100, 0, MONDAY_20H)).isEqualTo(5);
    }

    @Test
    void budgetsForOtherReasonsDoNotApply() {
        List<Budget> budgets = List.of(new Budget("10"), budget("0", null, null, "Drifted", "Underutilized"));
        assertThat(DisruptionBudgets.allowed(budgets, "Empty", 100, 0, MONDAY_10H)).isEqualTo(10);
        assertThat(DisruptionBudgets.allowed(budgets, "Drifted", 100, 0, MONDAY_10H)).isZero();
    }

    @Test
    void noApplicableBudgetLimitsNothing() {
        assertThat(DisruptionBudgets.allowed(List.of(budget("0", "0 9 * * 1-5", "1h")), "Empty", 7, 1, MONDAY_20H)).isEqualTo(6);
        assertThat(DisruptionBudgets.allowed(null, "Empty", 7, 0, MONDAY_20H)).isEqualTo(7);
    }

    @Test
    void badBudgetsNameTheField() {
        assertThatThrownBy(() -> DisruptionBudgets.allowed(List.of(new Budget("10%"), new Budget("ten")), "Empty", 3, 0, MONDAY_10H))
                .hasMessageStartingWith("spec.disruption.budgets[1].nodes: ");
        assertThatThrownBy(() -> DisruptionBudgets.allowed(List.of(budget("1", "every day", "1h")), "Empty", 3, 0, MONDAY_10H))
                .hasMessageStartingWith("spec.disruption.budgets[0].schedule: ");
        assertThatThrownBy(() -> DisruptionBudgets.allowed(List.of(budget("1", "@daily", "1d")), "Empty", 3, 0, MONDAY_10H))
                .hasMessageStartingWith("spec.disruption.budgets[0].duration: ");
        assertThatThrownBy(() -> DisruptionBudgets.allowed(List.of(new Budget("150%")), "Empty", 3, 0, MONDAY_10H))
                .hasMessageStartingWith("spec.disruption.budgets[0].nodes: ");
    }
}
