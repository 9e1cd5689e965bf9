package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's node selector and node affinity behaviours: the claim's labels satisfy what the pod asks, or the pod stays pending. */
class NodeSelectionScenarios {

    private static SchedulablePod required(SchedulablePod p, Requirements... terms) {
        return p.withNodeAffinity(List.of(terms), List.of());
    }

    private static Requirement op(String key, Operator o, String... values) {
        return new Requirement(key, o, Set.of(values), null);
    }

    static Scenario nodeSelectorOnZoneLaunchesInThatZone() {
        return scenario("nodeSelectorOnZoneLaunchesInThatZone", List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(zone(r.newClaims().get(0))).isEqualTo(Z2);
        });
    }

    static Scenario nodeSelectorOnCapacityTypeLaunchesThatCapacityType() {
        return scenario("nodeSelectorOnCapacityTypeLaunchesThatCapacityType", List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.CAPACITY_TYPE, "on-demand"))), List.of(pool("default")), r -> {
            assertThat(r.newClaims().get(0).requirements().singleValue(WellKnownLabels.CAPACITY_TYPE)).isEqualTo("on-demand");
        });
    }

    static Scenario nodeSelectorOnArchitectureLaunchesOnlyThatArchitecture() {
        return scenario("nodeSelectorOnArchitectureLaunchesOnlyThatArchitecture", List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.ARCH, "arm64"))), List.of(pool("default")), r -> {
            assertThat(typeNames(r.newClaims().get(0))).allMatch(n -> n.startsWith("a-"));
        });
    }

    static Scenario nodeSelectorOnInstanceTypeLaunchesThatType() {
        return scenario("nodeSelectorOnInstanceTypeLaunchesThatType", List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.INSTANCE_TYPE, "c-8x"))), List.of(pool("default")), r -> {
            assertThat(typeNames(r.newClaims().get(0))).containsExactly("c-8x");
        });
    }

    static Scenario nodeSelectorOnUnknownLabelStaysPending() {
        return scenario("nodeSelectorOnUnknownLabelStaysPending", List.of(pod("a", "1").withNodeSelector(sel("unknown.example.com/key", "x"))), List.of(pool("default")), r -> {
            assertThat(pending(r)).containsExactly("a");
            assertThat(r.newClaims()).isEmpty();
        });
    }

    static Scenario nodeSelectorOnPoolTemplateLabelSchedules() {
        return scenario("nodeSelectorOnPoolTemplateLabelSchedules", List.of(pod("a", "1").withNodeSelector(sel("team", "blue"))), List.of(pool("default").withLabels(Map.of("team", "blue"))), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario nodeSelectorConflictingWithPoolRequirementStaysPending() {
        return scenario("nodeSelectorConflictingWithPoolRequirementStaysPending", List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), List.of(pool("default", Requirement.in(ZONE, Z1))), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario nodeSelectorOnOneValueOfAPoolRequirementNarrowsTheClaim() {
        return scenario("nodeSelectorOnOneValueOfAPoolRequirementNarrowsTheClaim", List.of(pod("a", "1").withNodeSelector(sel("team", "green"))), List.of(pool("default", Requirement.in("team", "blue", "green"))), r -> {
            assertThat(r.newClaims().get(0).requirements().singleValue("team")).isEqualTo("green");
        });
    }

    static Scenario nodeSelectorOnUnsupportedOperatingSystemStaysPending() {
        return scenario("nodeSelectorOnUnsupportedOperatingSystemStaysPending", List.of(pod("a", "1").withNodeSelector(sel(WellKnownLabels.OS, "windows"))), List.of(pool("default")), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario requiredAffinityInSeveralZonesStaysWithinThem() {
        return scenario("requiredAffinityInSeveralZonesStaysWithinThem", List.of(required(pod("a", "1"), req(Requirement.in(ZONE, Z2, Z3)))), List.of(pool("default")), r -> {
            assertThat(r.newClaims().get(0).requirements().get(ZONE).finiteValues()).isSubsetOf(Z2, Z3);
        });
    }

    static Scenario requiredAffinityNotInAvoidsThoseZones() {
        return scenario("requiredAffinityNotInAvoidsThoseZones", List.of(required(pod("a", "1"), req(Requirement.notIn(ZONE, Z1)))), List.of(pool("default")), r -> {
            assertThat(r.newClaims().get(0).requirements().get(ZONE).finiteValues()).doesNotContain(Z1).isNotEmpty();
        });
    }

    static Scenario requiredAffinityDoesNotExistOnALabelNoNodeHasSchedules() {
        return scenario("requiredAffinityDoesNotExistOnALabelNoNodeHasSchedules", List.of(required(pod("a", "1"), req(Requirement.doesNotExist("example.com/gpu")))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario requiredAffinityDoesNotExistOnZoneStaysPending() {
        return scenario("requiredAffinityDoesNotExistOnZoneStaysPending", List.of(required(pod("a", "1"), req(Requirement.doesNotExist(ZONE)))), List.of(pool("default")), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario requiredAffinityExistsOnALabelNoNodeHasStaysPending() {
        return scenario("requiredAffinityExistsOnALabelNoNodeHasStaysPending", List.of(required(pod("a", "1"), req(Requirement.exists("example.com/gpu")))), List.of(pool("default")), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario requiredAffinityGtLaunchesOnlyLargerTypes() {
        return scenario("requiredAffinityGtLaunchesOnlyLargerTypes", List.of(required(pod("a", "1"), req(op(CPU_LABEL, Operator.GT, "4")))), List.of(pool("default")), r -> {
            assertThat(cheapestType(r.newClaims().get(0))).isEqualTo("c-8x");
            assertThat(typeNames(r.newClaims().get(0))).containsOnly("c-8x", "c-16x");
        });
    }

    static Scenario requiredAffinityLtLaunchesOnlySmallerTypes() {
        return scenario("requiredAffinityLtLaunchesOnlySmallerTypes", List.of(required(pod("a", "1"), req(op(CPU_LABEL, Operator.LT, "4")))), List.of(pool("default")), r -> {
            assertThat(typeNames(r.newClaims().get(0))).containsOnly("c-1x", "c-2x", "a-2x");
        });
    }

    static Scenario requiredAffinityGtAndLtTogetherBoundTheSize() {
        return scenario("requiredAffinityGtAndLtTogetherBoundTheSize", List.of(required(pod("a", "1"), req(op(CPU_LABEL, Operator.GT, "2"), op(CPU_LABEL, Operator.LT, "16")))), List.of(pool("default")), r -> {
            assertThat(typeNames(r.newClaims().get(0))).containsOnly("c-4x", "c-8x", "a-4x");
        });
    }

    static Scenario requiredAffinityTermsAreOred() {
        return scenario("requiredAffinityTermsAreOred", List.of(required(pod("a", "1"), req(Requirement.in(ZONE, "nowhere")), req(Requirement.in(ZONE, Z3)))), List.of(pool("default")), r -> {
            assertThat(zone(r.newClaims().get(0))).isEqualTo(Z3);
        });
    }

    static Scenario requiredAffinityWithNoSatisfiableTermStaysPending() {
        return scenario("requiredAffinityWithNoSatisfiableTermStaysPending", List.of(required(pod("a", "1"), req(Requirement.in(ZONE, "nowhere")), req(Requirement.in(WellKnownLabels.ARCH, "s390x")))), List.of(pool("default")), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario preferredAffinityIsHonouredWhenPossible() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(), List.of(new WeightedRequirements(10, req(Requirement.in(ZONE, Z3)))));
        return scenario("preferredAffinityIsHonouredWhenPossible", List.of(p), List.of(pool("default")), r -> {
            assertThat(zone(r.newClaims().get(0))).isEqualTo(Z3);
        });
    }

    static Scenario preferredAffinityThatCannotBeMetIsRelaxed() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(), List.of(new WeightedRequirements(10, req(Requirement.in(ZONE, "nowhere")))));
        return scenario("preferredAffinityThatCannotBeMetIsRelaxed", List.of(p), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
        });
    }

    static Scenario heavierPreferredTermIsTriedFirst() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(), List.of(
                new WeightedRequirements(90, req(Requirement.in(ZONE, Z2))), new WeightedRequirements(10, req(Requirement.in(ZONE, Z1)))));
        return scenario("heavierPreferredTermIsTriedFirst", List.of(p), List.of(pool("default")), r -> {
            assertThat(zone(r.newClaims().get(0))).isEqualTo(Z2);
        });
    }

    static Scenario preferenceConflictingWithRequiredAffinityIsDropped() {
        SchedulablePod p = pod("a", "1").withNodeAffinity(List.of(req(Requirement.in(ZONE, Z1))), List.of(new WeightedRequirements(50, req(Requirement.in(ZONE, Z2)))));
        return scenario("preferenceConflictingWithRequiredAffinityIsDropped", List.of(p), List.of(pool("default")), r -> {
            assertThat(zone(r.newClaims().get(0))).isEqualTo(Z1);
        });
    }

    static Scenario podsSelectingDifferentZonesGetSeparateClaims() {
        return scenario("podsSelectingDifferentZonesGetSeparateClaims", List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z1)), pod("b", "1").withNodeSelector(sel(ZONE, Z2))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(2);
        });
    }

    static Scenario podsWithCompatibleSelectorsShareAClaim() {
        return scenario("podsWithCompatibleSelectorsShareAClaim", List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z1)), pod("b", "1").withNodeSelector(sel(WellKnownLabels.ARCH, "amd64"))), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(zone(r.newClaims().get(0))).isEqualTo(Z1);
        });
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

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(nodeSelectorOnZoneLaunchesInThatZone(),
                nodeSelectorOnCapacityTypeLaunchesThatCapacityType(),
                nodeSelectorOnArchitectureLaunchesOnlyThatArchitecture(),
                nodeSelectorOnInstanceTypeLaunchesThatType(),
                nodeSelectorOnUnknownLabelStaysPending(),
                nodeSelectorOnPoolTemplateLabelSchedules(),
                nodeSelectorConflictingWithPoolRequirementStaysPending(),
                nodeSelectorOnOneValueOfAPoolRequirementNarrowsTheClaim(),
                nodeSelectorOnUnsupportedOperatingSystemStaysPending(),
                requiredAffinityInSeveralZonesStaysWithinThem(),
                requiredAffinityNotInAvoidsThoseZones(),
                requiredAffinityDoesNotExistOnALabelNoNodeHasSchedules(),
                requiredAffinityDoesNotExistOnZoneStaysPending(),
                requiredAffinityExistsOnALabelNoNodeHasStaysPending(),
                requiredAffinityGtLaunchesOnlyLargerTypes(),
                requiredAffinityLtLaunchesOnlySmallerTypes(),
                requiredAffinityGtAndLtTogetherBoundTheSize(),
                requiredAffinityTermsAreOred(),
                requiredAffinityWithNoSatisfiableTermStaysPending(),
                podsSelectingDifferentZonesGetSeparateClaims(),
                podsWithCompatibleSelectorsShareAClaim(),
                preferredAffinityIsHonouredWhenPossible(),
                preferredAffinityThatCannotBeMetIsRelaxed(),
                heavierPreferredTermIsTriedFirst(),
                preferenceConflictingWithRequiredAffinityIsDropped());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
