package dev.ebbflow.provisioner.disruption;

import static dev.ebbflow.provisioner.disruption.TestNodes.T0;
import static dev.ebbflow.provisioner.disruption.TestNodes.node;
import static dev.ebbflow.provisioner.disruption.TestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.Budget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmptinessTest {

    private static final Duration WINDOW = Emptiness.NOMINATION_WINDOW;

    private static Emptiness.Decision decide(DisruptionSettings s, List<NodeState> nodes, Instant now) {
        return Emptiness.decide(s, nodes, Nominations.NONE, now, WINDOW);
    }

    @Test
    void anEmptyNodeGoesAfterConsolidateAfterCountedFromItsLastPodEvent() {
        NodeState n = node("a", T0, 2, 0.1);
        NodeState quietLater = new NodeState("b", n.node(), n.nodePool(), false, true, T0, T0.plusSeconds(600), false, List.of(), n.offer(), null);
        DisruptionSettings all = settings("WhenEmpty", "5m", new Budget("100%"));
        Emptiness.Decision early = decide(all, List.of(n, quietLater), T0.plusSeconds(299));
        assertThat(early.remove()).isEmpty();
        assertThat(early.nextCheck()).hasValue(T0.plusSeconds(300));
        assertThat(decide(all, List.of(n, quietLater), T0.plusSeconds(300)).remove()).containsExactly("a");
        assertThat(decide(all, List.of(n, quietLater), T0.plusSeconds(900)).remove()).containsExactly("a", "b");
    }

    @Test
    void aNodeWithAPodOrDoNotDisruptOrNeverStays() {
        NodeState busy = node("busy", T0, 2, 0.1, TestNodes.movable("web", 100));
        NodeState pinned = node("pinned", T0, 2, 0.1);
        pinned = new NodeState("pinned", pinned.node(), pinned.nodePool(), false, true, T0, null, true, List.of(), pinned.offer(), null);
        assertThat(decide(settings("WhenEmpty", "0s"), List.of(busy, pinned), T0.plusSeconds(3600)).remove()).isEmpty();
        assertThat(decide(settings("WhenEmpty", "Never"), List.of(node("a", T0, 2, 0.1)), T0.plusSeconds(86400)).remove()).isEmpty();
    }

    @Test
    void aNodeThePodsWereJustNominatedToStaysForTheNominationWindow() {
        NodeState empty = node("a", T0, 2, 0.1);
        Instant now = T0.plusSeconds(3600);
        Nominations byNode = new Nominations(Map.of("a", now.minusSeconds(5)));
        Emptiness.Decision held = Emptiness.decide(settings("WhenEmpty", "0s"), List.of(empty), byNode, now, WINDOW);
        assertThat(held.remove()).isEmpty();
        assertThat(held.nextCheck()).hasValue(now.minusSeconds(5).plus(WINDOW));
        // The provisioner names an in-flight claim by its claim name; its node, once there, is kept the same way.
        NodeState claimed = new NodeState("claim-x", empty.node(), empty.nodePool(), false, true, T0, null, false, List.of(), empty.offer(), null);
        assertThat(Emptiness.decide(settings("WhenEmpty", "0s"), List.of(claimed), new Nominations(Map.of("claim-x", now)), now, WINDOW).remove())
                .isEmpty();
        assertThat(Emptiness.decide(settings("WhenEmpty", "0s"), List.of(empty), byNode, now.plus(WINDOW), WINDOW).remove()).containsExactly("a");
    }

    @Test
    void budgetsLimitHowManyGoAndNodesBeingDisruptedCountAgainstThem() {
        List<NodeState> nodes = List.of(node("b", T0.plusSeconds(10), 2, 0.1), node("a", T0, 2, 0.1), node("c", T0.plusSeconds(20), 2, 0.1));
        Emptiness.Decision one = decide(settings("WhenEmpty", "0s", new Budget("1")), nodes, T0.plusSeconds(60));
        assertThat(one.remove()).containsExactly("a");
        assertThat(one.blocked()).containsExactly("b", "c");
        List<NodeState> withDeleting = List.of(nodes.get(0).withDeleting(true), nodes.get(1), nodes.get(2));
        assertThat(decide(settings("WhenEmpty", "0s", new Budget("1")), withDeleting, T0.plusSeconds(60)).remove()).isEmpty();
        assertThat(decide(settings("WhenEmpty", "0s", new Budget("0")), nodes, T0.plusSeconds(60)).remove()).isEmpty();
    }

    @Test
    void aScheduledBudgetOnlyHoldsWithinItsWindow() {
        Budget nightsOff = new Budget("0");
        nightsOff.setSchedule("0 22 * * *");
        nightsOff.setDuration("2h");
        List<NodeState> nodes = List.of(node("a", T0, 2, 0.1));
        Instant inWindow = Instant.parse("2026-01-05T23:00:00Z");
        Instant outside = Instant.parse("2026-01-06T01:00:00Z");
        assertThat(decide(settings("WhenEmpty", "0s", nightsOff), nodes, inWindow).remove()).isEmpty();
        assertThat(decide(settings("WhenEmpty", "0s", nightsOff), nodes, outside).remove()).containsExactly("a");
    }

    @Test
    void unregisteredOrUninitializedClaimsAreNotCandidates() {
        NodeState n = node("a", T0, 2, 0.1);
        NodeState unregistered = new NodeState("u", null, n.nodePool(), false, false, null, null, false, List.of(), n.offer(), null);
        NodeState uninitialized = new NodeState("i", n.node(), n.nodePool(), false, true, null, null, false, List.of(), n.offer(), null);
        assertThat(decide(settings("WhenEmpty", "0s"), List.of(unregistered, uninitialized), T0.plusSeconds(3600)).remove()).isEmpty();
    }
}
