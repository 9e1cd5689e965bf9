package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.Operator;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.WeightedRequirements;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Karpenter's node selector and node affinity behaviours: the claim's labels satisfy what the pod asks, or the pod stays pending. */
class NodeSelectionScenarios {

    private static SchedulablePod required(SchedulablePod p, Requirements... terms) {
        return p.withNodeAffinity(List.of(terms), List.of());
    }

    private static Requirement op(String key, Operator o, String... values) {
        return new Requirement(key, o, Set.of(values), null);
    }

    @Test
    void nodeSelectorOnZoneLaunchesInThatZone() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(zone(r.newClaims().get(0))).isEqualTo(Z2);
    }

    @Test
    void nodeSelectorOnCapacityTypeLaunchesThatCapacityType() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.CAPACITY_TYPE, "on-demand"))), pool("default"));
        assertThat(r.newClaims().get(0).requirements().singleValue(WellKnownLabels.CAPACITY_TYPE)).isEqualTo("on-demand");
    }

    @Test
    void nodeSelectorOnArchitectureLaunchesOnlyThatArchitecture() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.ARCH, "arm64"))), pool("default"));
        assertThat(typeNames(r.newClaims().get(0))).allMatch(n -> n.startsWith("a-"));
    }

    @Test
    void nodeSelectorOnInstanceTypeLaunchesThatType() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.INSTANCE_TYPE, "c-8x"))), pool("default"));
        assertThat(typeNames(r.newClaims().get(0))).containsExactly("c-8x");
    }

    @Test
    void nodeSelectorOnUnknownLabelStaysPending() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel("unknown.example.com/key", "x"))), pool("default"));
        assertThat(pending(r)).containsExactly("a");
        assertThat(r.newClaims()).isEmpty();
    }

    @Test
    void nodeSelectorOnPoolTemplateLabelSchedules() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel("team", "blue"))), pool("default").withLabels(Map.of("team", "blue")));
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void nodeSelectorConflictingWithPoolRequirementStaysPending() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), pool("default", Requirement.in(ZONE, Z1)));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void nodeSelectorOnOneValueOfAPoolRequirementNarrowsTheClaim() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel("team", "green"))), pool("default", Requirement.in("team", "blue", "green")));
        assertThat(r.newClaims().get(0).requirements().singleValue("team")).isEqualTo("green");
    }

    @Test
    void nodeSelectorOnUnsupportedOperatingSystemStaysPending() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.OS, "windows"))), pool("default"));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void requiredAffinityInSeveralZonesStaysWithinThem() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.in(ZONE, Z2, Z3)))), pool("default"));
        assertThat(r.newClaims().get(0).requirements().get(ZONE).finiteValues()).isSubsetOf(Z2, Z3);
    }

    @Test
    void requiredAffinityNotInAvoidsThoseZones() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.notIn(ZONE, Z1)))), pool("default"));
        assertThat(r.newClaims().get(0).requirements().get(ZONE).finiteValues()).doesNotContain(Z1).isNotEmpty();
    }

    @Test
    void requiredAffinityDoesNotExistOnALabelNoNodeHasSchedules() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.doesNotExist("example.com/gpu")))), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
    }

    @Test
    void requiredAffinityDoesNotExistOnZoneStaysPending() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.doesNotExist(ZONE)))), pool("default"));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void requiredAffinityExistsOnALabelNoNodeHasStaysPending() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.exists("example.com/gpu")))), pool("default"));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void requiredAffinityGtLaunchesOnlyLargerTypes() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(op(CPU_LABEL, Operator.GT, "4")))), pool("default"));
        assertThat(cheapestType(r.newClaims().get(0))).isEqualTo("c-8x");
        assertThat(typeNames(r.newClaims().get(0))).containsOnly("c-8x", "c-16x");
    }

    @Test
    void requiredAffinityLtLaunchesOnlySmallerTypes() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(op(CPU_LABEL, Operator.LT, "4")))), pool("default"));
        assertThat(typeNames(r.newClaims().get(0))).containsOnly("c-1x", "c-2x", "a-2x");
    }

    @Test
    void requiredAffinityGtAndLtTogetherBoundTheSize() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(op(CPU_LABEL, Operator.GT, "2"), op(CPU_LABEL, Operator.LT, "16")))), pool("default"));
        assertThat(typeNames(r.newClaims().get(0))).containsOnly("c-4x", "c-8x", "a-4x");
    }

    @Test
    void requiredAffinityTermsAreOred() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.in(ZONE, "nowhere")), req(Requirement.in(ZONE, Z3)))), pool("default"));
        assertThat(zone(r.newClaims().get(0))).isEqualTo(Z3);
    }

    @Test
    void requiredAffinityWithNoSatisfiableTermStaysPending() {
        SchedulingResult r = provision(List.of(required(pod("a", "1"), req(Requirement.in(ZONE, "nowhere")), req(Requirement.in(WellKnownLabels.ARCH, "s390x")))), pool("default"));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void preferredAffinityIsHonouredWhenPossible() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(), List.of(new WeightedRequirements(10, req(Requirement.in(ZONE, Z3)))));
        assertThat(zone(provision(List.of(p), pool("default")).newClaims().get(0))).isEqualTo(Z3);
    }

    @Test
    void preferredAffinityThatCannotBeMetIsRelaxed() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(), List.of(new WeightedRequirements(10, req(Requirement.in(ZONE, "nowhere")))));
        assertThat(provision(List.of(p), pool("default")).newClaims()).hasSize(1);
    }

    @Test
    void heavierPreferredTermIsTriedFirst() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(), List.of(
                new WeightedRequirements(90, req(Requirement.in(ZONE, Z2))), new WeightedRequirements(10, req(Requirement.in(ZONE, Z1)))));
        assertThat(zone(provision(List.of(p), pool("default")).newClaims().get(0))).isEqualTo(Z2);
    }

    @Test
    void preferenceConflictingWithRequiredAffinityIsDropped() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(req(Requirement.in(ZONE, Z1))), List.of(new WeightedRequirements(50, req(Requirement.in(ZONE, Z2)))));
        assertThat(zone(provision(List.of(p), pool("default")).newClaims().get(0))).isEqualTo(Z1);
    }

    @Test
    void podsSelectingDifferentZonesGetSeparateClaims() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z1)), pod("b", "1").withNodeSelector(sel(ZONE, Z2))), pool("default"));
        assertThat(r.newClaims()).hasSize(2);
    }

    @Test
    void podsWithCompatibleSelectorsShareAClaim() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z1)), pod("b", "1").withNodeSelector(sel(WellKnownLabels.ARCH, "amd64"))), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(zone(r.newClaims().get(0))).isEqualTo(Z1);
    }

    @Test
    void nodeSelectorMatchingAnExistingNodeUsesIt() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel("disk", "ssd"))),
                List.of(node("n1", Z1, 4, Map.of("disk", "ssd"), List.of(), List.of())), List.of(), pool("default"));
        assertThat(placedOn(r, "a")).isEqualTo("n1");
        assertThat(r.newClaims()).isEmpty();
    }

    @Test
    void nodeSelectorNotMatchingAnExistingNodeLaunchesAClaim() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), List.of(node("n1", Z1)), List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
    }
}
