package dev.ebbflow.provisioner.disruption;

import static dev.ebbflow.provisioner.disruption.TestNodes.T0;
import static dev.ebbflow.provisioner.disruption.TestNodes.input;
import static dev.ebbflow.provisioner.disruption.TestNodes.movable;
import static dev.ebbflow.provisioner.disruption.TestNodes.node;
import static dev.ebbflow.provisioner.disruption.TestNodes.onDemandPool;
import static dev.ebbflow.provisioner.disruption.TestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftDisruptionTest {

    private static final Instant LATER = T0.plusSeconds(3600);

    private static DriftDisruption.Result decide(String budget, List<NodeState> nodes, Map<String, String> drifted) {
        // WhenEmpty and consolidateAfter Never: drift does not depend on consolidation being on.
        return DriftDisruption.decide(input(settings("WhenEmpty", "Never", new Budget(budget)), nodes, List.of(onDemandPool()), LATER), drifted);
    }

    @Test
    void aDriftedNodeIsReplacedByTheNodeItsPoolMakesNowEvenAtAHigherPrice() {
        // Bought for 0.01 an hour; the pool's cheapest fitting type now costs 0.10.
        DriftDisruption.Result r = decide("100%", List.of(node("old", T0, 2, 0.01, movable("web", 1500)), node("fresh", T0, 2, 0.10,
                movable("db", 1800))), Map.of("old", Drift.NODEPOOL_DRIFTED));
        Command c = r.command().orElseThrow();
        assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
        assertThat(c.reason()).isEqualTo(DisruptionBudgets.DRIFTED);
        assertThat(c.consolidationType()).isEmpty();
        assertThat(c.candidates()).containsExactly("old");
        assertThat(c.replacement().orElseThrow().cheapest().name()).isEqualTo("c-2");
        assertThat(r.eligible()).isEqualTo(1);
    }

    @Test
    void aDriftedNodeWhosePodsNeedSeveralNodesOfThePoolAsItIsNowGetsThemAll() {
        // An 8-vCPU node running three pods of 1.5 vCPU; the pool now offers 2-vCPU nodes only: one pod each.
        NodeState big = node("big", T0, 8, 0.40, movable("web-1", 1500), movable("web-2", 1500), movable("web-3", 1500));
        PoolTemplate small = PoolTemplate.basic(TestNodes.POOL, 0, Requirements.NONE, List.of(TestNodes.type(2, "on-demand", 0.05)));
        DriftDisruption.Result r = DriftDisruption.decide(input(settings("WhenEmpty", "Never", new Budget("1")), List.of(big), List.of(small), LATER),
                Map.of("big", Drift.REQUIREMENTS_DRIFTED));

        Command c = r.command().orElseThrow(() -> new AssertionError("blocked: " + r.blocked()));
        assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
        assertThat(c.candidates()).containsExactly("big");
        assertThat(c.replacements()).hasSize(3).allSatisfy(n -> {
            assertThat(n.cheapest().name()).isEqualTo("c-2");
            assertThat(n.pods()).hasSize(1);
        });
        assertThat(c.savingsPerHour()).isCloseTo(0.40 - 3 * 0.10, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aDriftedNodeWhosePodsFitElsewhereIsDeleted() {
        Command c = decide("100%", List.of(node("old", T0, 2, 0.10, movable("web", 500)), node("roomy", T0, 8, 0.40, movable("db", 500))),
                Map.of("old", Drift.REQUIREMENTS_DRIFTED)).command().orElseThrow();
        assertThat(c.decision()).isEqualTo(Command.Decision.DELETE);
        assertThat(c.candidates()).containsExactly("old");
    }

    @Test
    void emptyDriftedNodesGoTogetherWithinTheBudget() {
        List<NodeState> nodes = List.of(node("a", T0, 2, 0.10), node("b", T0, 2, 0.10), node("c", T0, 2, 0.10), node("d", T0, 2, 0.10));
        DriftDisruption.Result r = decide("2", nodes, Map.of("a", "x", "b", "x", "c", "x"));
        assertThat(r.command().orElseThrow().decision()).isEqualTo(Command.Decision.DELETE);
        assertThat(r.command().get().candidates()).hasSize(2);
        assertThat(r.budgetBlocked()).hasSize(1);
    }

    @Test
    void oneBudgetsWorthAtATimeAndNothingAtZero() {
        List<NodeState> nodes = List.of(node("a", T0, 2, 0.10, movable("web-1", 1500)), node("b", T0, 2, 0.10, movable("web-2", 1500)));
        Map<String, String> drifted = Map.of("a", Drift.NODEPOOL_DRIFTED, "b", Drift.NODEPOOL_DRIFTED);
        DriftDisruption.Result one = decide("1", nodes, drifted);
        assertThat(one.command().orElseThrow().candidates()).hasSize(1);
        assertThat(one.budgetBlocked()).hasSize(1);

        DriftDisruption.Result zero = decide("0", nodes, drifted);
        assertThat(zero.command()).isEmpty();
        assertThat(zero.budgetBlocked()).containsExactlyInAnyOrder("a", "b");

        // The first one is being replaced (tainted, counted as disrupting): the second waits for it.
        List<NodeState> midway = List.of(nodes.get(0).withDeleting(true), nodes.get(1));
        DriftDisruption.Result waiting = decide("1", midway, drifted);
        assertThat(waiting.command()).isEmpty();
        assertThat(waiting.budgetBlocked()).containsExactly("b");
    }

    @Test
    void doNotDisruptAndUndriftedNodesStay() {
        PodState pinned = new PodState(TestNodes.pod("batch", 500), true, null, 0, 0);
        DriftDisruption.Result r = decide("100%", List.of(node("a", T0, 2, 0.10, pinned), node("b", T0, 2, 0.10, movable("web", 500))),
                Map.of("a", Drift.NODEPOOL_DRIFTED));
        assertThat(r.command()).isEmpty();
        assertThat(r.blocked().get("a")).contains("do-not-disrupt");
    }

    @Test
    void podsWithNoPlaceAnywhereKeepTheDriftedNode() {
        DriftDisruption.Result r = decide("100%", List.of(node("a", T0, 16, 0.80, movable("huge", 12_000))), Map.of("a", Drift.NODEPOOL_DRIFTED));
        assertThat(r.command()).isEmpty();
        assertThat(r.blocked().get("a")).contains("would not fit");
    }
}
