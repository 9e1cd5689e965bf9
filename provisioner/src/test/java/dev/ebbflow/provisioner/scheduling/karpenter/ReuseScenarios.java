package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Karpenter reuses capacity before it buys any: existing nodes first, then NodeClaims still launching, across provisioning passes. */
class ReuseScenarios {

    @Test
    void secondPassForTheSamePodsLaunchesNothing() {
        List<SchedulablePod> pods = replicas("web", 4, "1");
        SchedulingResult first = provision(pods, pool("default"));
        SchedulingResult second = provision(pods, List.of(), inFlight(first), pool("default"));
        assertThat(second.newClaims()).isEmpty();
        assertThat(second.onInFlightClaims()).hasSize(4);
    }

    @Test
    void secondPassForPodsOfMixedSizesLaunchesNothing() {
        List<SchedulablePod> pods = List.of(pod("a", "3"), pod("b", "1500m"), pod("c", "500m"), pod("d", "2"), pod("e", "1"), pod("f", "250m"), pod("g", "7"));
        SchedulingResult first = provision(pods, pool("default"));
        SchedulingResult second = provision(pods, List.of(), inFlight(first), pool("default"));
        assertThat(second.newClaims()).isEmpty();
        assertThat(pending(second)).isEmpty();
    }

    @Test
    void secondPassWithMorePodsLaunchesOnlyForTheNewOnes() {
        SchedulingResult first = provision(replicas("web", 4, "1"), pool("default"));
        SchedulingResult second = provision(replicas("web", 8, "1"), List.of(), inFlight(first), pool("default"));
        assertThat(second.onInFlightClaims()).hasSize(4);
        assertThat(second.newClaims()).hasSize(1);
    }

    @Test
    void inFlightClaimWithNominatedPodsOffersOnlyItsRemainingRoom() {
        SchedulingResult first = provision(replicas("web", 4, "1"), pool("default"));
        InFlightClaim full = inFlight(first.newClaims().get(0), "claim-0", true);
        SchedulingResult second = provision(List.of(pod("late", "1")), List.of(), List.of(full), pool("default"));
        assertThat(second.onInFlightClaims()).isEmpty();
        assertThat(second.newClaims()).hasSize(1);
    }

    @Test
    void inFlightClaimOfATaintedPoolTakesOnlyTolerantPods() {
        Taint t = taint("gpu", "", Taint.NO_SCHEDULE);
        SchedulablePod tolerant = pod("a", "1").withTolerations(List.of(tolerate("gpu", null, "")));
        SchedulingResult first = provision(List.of(tolerant), pool("gpu").withTaints(List.of(t)));
        InFlightClaim claim = inFlight(first.newClaims().get(0), "claim-0", false);
        SchedulingResult second = provision(List.of(pod("b", "100m")), List.of(), List.of(claim), pool("gpu").withTaints(List.of(t)), pool("default"));
        assertThat(second.onInFlightClaims()).isEmpty();
        assertThat(second.newClaims().get(0).nodePool()).isEqualTo("default");
    }

    @Test
    void existingNodeWithRoomTakesThePod() {
        SchedulingResult r = provision(List.of(pod("a", "1")), List.of(node("n1", Z1)), List.of(), pool("default"));
        assertThat(placedOn(r, "a")).isEqualTo("n1");
        assertThat(r.newClaims()).isEmpty();
    }

    @Test
    void fullExistingNodeLeadsToAClaim() {
        SchedulingResult r = provision(List.of(pod("a", "1")), List.of(node("n1", Z1, pod("old", "4"))), List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void cordonedExistingNodeIsNotUsed() {
        ExistingNode cordoned = node("n1", Z1, 4, Map.of(), List.of(taint("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE)), List.of());
        SchedulingResult r = provision(List.of(pod("a", "1")), List.of(cordoned), List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void existingNodesAreFilledBeforeInFlightClaims() {
        SchedulingResult first = provision(List.of(pod("x", "1")), pool("default"));
        SchedulingResult r = provision(List.of(pod("a", "1")), List.of(node("n1", Z1)), inFlight(first), pool("default"));
        assertThat(placedOn(r, "a")).isEqualTo("n1");
    }

    @Test
    void podsSplitBetweenAnExistingNodesRoomAndANewClaim() {
        SchedulingResult r = provision(replicas("web", 4, "1"), List.of(node("n1", Z1, pod("old", "2"))), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).hasSize(2);
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.newClaims().get(0).pods()).hasSize(2);
    }
}
