package dev.ebbflow.operator.provisioning.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.kube.TestPods;
import dev.ebbflow.provisioner.disruption.Nominations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmptinessTest {

    private static final Instant INIT = Instant.parse("2026-01-05T20:00:00Z");

    private static NodePool pool(String policy, String after, Budget... budgets) {
        NodePool p = new NodePool();
        p.getMetadata().setName("default");
        p.getSpec().getDisruption().setConsolidationPolicy(policy);
        p.getSpec().getDisruption().setConsolidateAfter(after);
        if (budgets.length > 0) {
            p.getSpec().getDisruption().setBudgets(List.of(budgets));
        }
        return p;
    }

    private static NodeClaim initialized(String name, Instant since) {
        NodeClaim c = new NodeClaim();
        c.getMetadata().setName(name);
        NodeClaimConditions.set(c, "Initialized", "True", "Initialized", "", since);
        return c;
    }

    private static Node node(String name, boolean ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
    }

    private static Emptiness.ClaimState state(String name, Instant since, Pod... pods) {
        return new Emptiness.ClaimState(initialized(name, since), node(name, true), List.of(pods));
    }

    @Test
    void anEmptyNodeGoesOnlyAfterConsolidateAfter() {
        NodePool p = pool("WhenEmpty", "5m");
        List<Emptiness.ClaimState> claims = List.of(state("a", INIT, TestPods.daemonSet("ds")));

        Emptiness.Decision early = Emptiness.decide(p, claims, INIT.plusSeconds(299));
        assertThat(early.remove()).isEmpty();
        assertThat(early.nextCheck()).hasValue(INIT.plusSeconds(300));

        assertThat(Emptiness.decide(p, claims, INIT.plusSeconds(300)).remove()).extracting(c -> c.getMetadata().getName()).containsExactly("a");
    }

    @Test
    void consolidateAfterCountsFromTheLastPodEvent() {
        Emptiness.ClaimState s = state("a", INIT);
        s.claim().getStatus().setLastPodEventTime(INIT.plusSeconds(600).toString());
        assertThat(Emptiness.decide(pool("WhenEmpty", "5m"), List.of(s), INIT.plusSeconds(899)).remove()).isEmpty();
        assertThat(Emptiness.decide(pool("WhenEmpty", "5m"), List.of(s), INIT.plusSeconds(900)).remove()).hasSize(1);
    }

    @Test
    void nodesWithReschedulablePodsAreNotEmpty() {
        List<Emptiness.ClaimState> claims = List.of(state("a", INIT, TestPods.running("web", Map.of())));
        assertThat(Emptiness.decide(pool("WhenEmptyOrUnderutilized", "0s"), claims, INIT.plusSeconds(3600)).remove()).isEmpty();
    }

    @Test
    void neverAndDoNotDisruptKeepNodes() {
        assertThat(Emptiness.decide(pool("WhenEmpty", "Never"), List.of(state("a", INIT)), INIT.plusSeconds(86400)).remove()).isEmpty();
        Emptiness.ClaimState pinned = state("a", INIT);
        pinned.node().getMetadata().setAnnotations(Map.of("karpenter.sh/do-not-disrupt", "true"));
        assertThat(Emptiness.decide(pool("WhenEmpty", "0s"), List.of(pinned), INIT.plusSeconds(60)).remove()).isEmpty();
    }

    @Test
    void budgetsLimitHowManyGoLongestEmptyFirst() {
        List<Emptiness.ClaimState> claims = List.of(state("b", INIT.plusSeconds(10)), state("a", INIT), state("c", INIT.plusSeconds(20)));
        Emptiness.Decision d = Emptiness.decide(pool("WhenEmpty", "0s", new Budget("1")), claims, INIT.plusSeconds(60));
        assertThat(d.remove()).extracting(c -> c.getMetadata().getName()).containsExactly("a");
        assertThat(d.blocked()).extracting(c -> c.getMetadata().getName()).containsExactly("b", "c");
    }

    @Test
    void deletingAndNotReadyNodesUseUpTheBudget() {
        NodeClaim deleting = initialized("gone", INIT);
        deleting.getMetadata().setDeletionTimestamp(INIT.toString());
        Emptiness.ClaimState notReady = new Emptiness.ClaimState(initialized("sick", INIT), node("sick", false), List.of());
        List<Emptiness.ClaimState> claims = List.of(new Emptiness.ClaimState(deleting, node("gone", true), List.of()), notReady,
                state("a", INIT), state("b", INIT));
        // 4 nodes, 50% = 2 allowed, 2 already disrupting: nothing more.
        Emptiness.Decision d = Emptiness.decide(pool("WhenEmpty", "0s", new Budget("50%")), claims, INIT.plusSeconds(60));
        assertThat(d.remove()).isEmpty();
        assertThat(d.blocked()).hasSize(2);
    }

    @Test
    void aNewNodeStaysForTheNominationWindowSoKubeSchedulerCanBindItsPods() {
        List<Emptiness.ClaimState> claims = List.of(state("new", INIT));
        Emptiness.Decision early = Emptiness.decide(pool("WhenEmpty", "0s"), claims, INIT.plusSeconds(19));
        assertThat(early.remove()).isEmpty();
        assertThat(early.nextCheck()).hasValue(INIT.plus(Emptiness.NOMINATION_WINDOW));
        assertThat(Emptiness.decide(pool("WhenEmpty", "0s"), claims, INIT.plusSeconds(20)).remove()).hasSize(1);
        assertThat(Emptiness.decide(pool("WhenEmpty", "0s"), claims, Nominations.NONE, INIT.plusSeconds(1), java.time.Duration.ZERO).remove()).hasSize(1);
    }

    @Test
    void uninitializedClaimsAreNotCandidates() {
        NodeClaim c = new NodeClaim();
        c.getMetadata().setName("new");
        assertThat(Emptiness.decide(pool("WhenEmpty", "0s"), List.of(new Emptiness.ClaimState(c, node("new", true), List.of())),
                INIT).remove()).isEmpty();
    }

    @Test
    void badSettingsNameTheField() {
        assertThatThrownBy(() -> Emptiness.decide(pool("WhenIdle", "0s"), List.of(state("a", INIT)), INIT))
                .hasMessageStartingWith("spec.disruption.consolidationPolicy: ");
        assertThatThrownBy(() -> Emptiness.decide(pool("WhenEmpty", "soon"), List.of(state("a", INIT)), INIT))
                .hasMessageStartingWith("spec.disruption.consolidateAfter: ");
    }
}
