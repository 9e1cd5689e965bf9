package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.InFlightClaim;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.SpreadConstraint;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's topology spread behaviours, zonal and by hostname. */
class TopologySpreadScenarios {

    private static List<SchedulablePod> spreadWeb(int n, SpreadConstraint... cs) {
        return each(replicas("web", n, "1"), p -> p.withSpread(List.of(cs)));
    }

    private static SpreadConstraint zonal(int maxSkew) {
        return spread(ZONE, maxSkew, "web");
    }

    private static SpreadConstraint hostname(int maxSkew) {
        return spread(HOST, maxSkew, "web");
    }

    private static SchedulablePod web(String name) {
        return pod(name, "1", Map.of("app", "web"));
    }

    private static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    // ---------------------------------------------------------------- zonal

    static Scenario zonalSpreadBalancesAcrossEveryZone() {
        return scenario("zonalSpreadBalancesAcrossEveryZone", spreadWeb(6, zonal(1)), List.of(pool("default")), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2, Z3, 2));
        });
    }

    static Scenario zonalSpreadUsesOnlyThePoolsZones() {
        return scenario("zonalSpreadUsesOnlyThePoolsZones", spreadWeb(6, zonal(1)), List.of(pool("default", Requirement.in(ZONE, Z1, Z2))), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 3, Z2, 3));
        });
    }

    @Test
    void zonalSpreadCountsMatchingPodsOnExistingNodes() {
        ExistingNode full = node("n1", Z1, 2, Map.of(), List.of(), List.of(web("old-0"), web("old-1")));
        SchedulingResult r = provision(spreadWeb(4, zonal(1)), List.of(full), List.of(), pool("default"));
        assertThat(podsPerZone(r)).isEqualTo(Map.of(Z2, 2, Z3, 2));
    }

    @Test
    void zonalSpreadIgnoresPodsTheSelectorDoesNotMatch() {
        ExistingNode n = node("n1", Z1, 4, Map.of(), List.of(), List.of(pod("other-0", "1"), pod("other-1", "1")));
        SchedulingResult r = provision(spreadWeb(3, zonal(1)), List.of(n), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).hasSize(1);
        assertThat(podsPerZone(r)).isEqualTo(Map.of(Z2, 1, Z3, 1));
    }

    @Test
    void zonalSpreadIgnoresPodsOfOtherNamespaces() {
        SchedulablePod foreign = dev.ebbflow.provisioner.scheduling.SchedulablePod.simple("other", "f", Map.of("app", "web"),
                dev.ebbflow.provisioner.catalog.ResourceList.parse(Map.of("cpu", "1")));
        ExistingNode n = node("n1", Z1, 4, Map.of(), List.of(), List.of(foreign, foreign));
        SchedulingResult r = provision(spreadWeb(3, zonal(1)), List.of(n), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).hasSize(1);
        assertThat(podsPerZone(r)).isEqualTo(Map.of(Z2, 1, Z3, 1));
    }

    static Scenario zonalSpreadIgnoresZonesNoOfferingCanLaunchIn() {
        PoolTemplate p = PoolTemplate.basic("default", 0, Requirements.of(Requirement.in(ZONE, Z1, Z2, Z3)), catalog(110, List.of(Z1, Z2)));
        return scenario("zonalSpreadIgnoresZonesNoOfferingCanLaunchIn", spreadWeb(4, zonal(1)), List.of(p), r -> {
            assertThat(pending(r)).isEmpty();
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2));
        });
    }

    @Test
    void zonalSpreadIgnoresZonesWhoseOfferingsAreUnavailable() {
        List<InstanceType> types = new ArrayList<>();
        for (InstanceType t : catalog()) {
            types.add(new InstanceType(t.name(), t.capacity(), t.overhead(), t.architecture(), t.operatingSystems(), t.labels(), t.absentLabels(),
                    t.offerings().stream().map(o -> o.zone().equals(Z3) ? o.withAvailable(false) : o).toList()));
        }
        SchedulingResult r = provision(spreadWeb(4, zonal(1)), PoolTemplate.basic("default", 0, Requirements.NONE, types));
        assertThat(pending(r)).isEmpty();
        assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2));
    }

    @Test
    void zonalSpreadIgnoresZonesOnlyAnUnlaunchedClaimOfAnotherPoolMightUse() {
        PoolTemplate twoZones = PoolTemplate.basic("default", 0, Requirements.of(Requirement.in(ZONE, Z1, Z2)), catalog(110, List.of(Z1, Z2)));
        InFlightClaim other = new InFlightClaim("other-claim", "other", Requirements.of(Requirement.in(ZONE, Z1, Z2, Z3)), List.of(),
                dev.ebbflow.provisioner.catalog.ResourceList.parse(Map.of("cpu", "1", "memory", "1Gi", "pods", "110")), List.of());
        SchedulingResult r = provision(spreadWeb(4, zonal(1)), List.of(), List.of(other), twoZones);
        assertThat(pending(r)).isEmpty();
    }

    @Test
    void zonalSpreadDoNotScheduleKeepsPodsThatWouldExceedTheSkewPending() {
        ExistingNode cordoned = node("n2", Z2, 4, Map.of(), List.of(taint("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE)), List.of());
        SchedulingResult r = provision(spreadWeb(3, zonal(1)), List.of(cordoned), List.of(), pool("default", Requirement.in(ZONE, Z1)));
        assertThat(total(podsPerZone(r))).isEqualTo(1);
        assertThat(pending(r)).hasSize(2);
    }

    @Test
    void zonalSpreadScheduleAnywaySchedulesEveryPod() {
        ExistingNode cordoned = node("n2", Z2, 4, Map.of(), List.of(taint("node.kubernetes.io/unschedulable", "", Taint.NO_SCHEDULE)), List.of());
        SpreadConstraint soft = new SpreadConstraint(ZONE, 1, false, app("web"), 0);
        SchedulingResult r = provision(spreadWeb(3, soft), List.of(cordoned), List.of(), pool("default", Requirement.in(ZONE, Z1)));
        assertThat(pending(r)).isEmpty();
    }

    static Scenario zonalSpreadMinDomainsAboveTheZonesAvailableCapsEachZoneAtMaxSkew() {
        SpreadConstraint c = new SpreadConstraint(ZONE, 1, true, app("web"), 3);
        return scenario("zonalSpreadMinDomainsAboveTheZonesAvailableCapsEachZoneAtMaxSkew", spreadWeb(4, c), List.of(pool("default", Requirement.in(ZONE, Z1, Z2))), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 1, Z2, 1));
            assertThat(pending(r)).hasSize(2);
        });
    }

    static Scenario zonalSpreadMinDomainsMetSpreadsAsUsual() {
        SpreadConstraint c = new SpreadConstraint(ZONE, 1, true, app("web"), 3);
        return scenario("zonalSpreadMinDomainsMetSpreadsAsUsual", spreadWeb(6, c), List.of(pool("default")), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2, Z3, 2));
        });
    }

    static Scenario zonalSpreadHonoursNodeAffinityByDefault() {
        List<SchedulablePod> pods = each(spreadWeb(4, zonal(1)), p -> p.withNodeAffinity(List.of(req(Requirement.in(ZONE, Z1, Z2))), List.of()));
        return scenario("zonalSpreadHonoursNodeAffinityByDefault", pods, List.of(pool("default")), r -> {
            assertThat(pending(r)).isEmpty();
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2));
        });
    }

    static Scenario zonalSpreadWithNodeAffinityPolicyIgnoreCountsZonesThePodCannotUse() {
        SpreadConstraint c = new SpreadConstraint(ZONE, 1, true, app("web"), 0, false, false);
        List<SchedulablePod> pods = each(spreadWeb(4, c), p -> p.withNodeAffinity(List.of(req(Requirement.in(ZONE, Z1, Z2))), List.of()));
        return scenario("zonalSpreadWithNodeAffinityPolicyIgnoreCountsZonesThePodCannotUse", pods, List.of(pool("default")), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 1, Z2, 1));
            assertThat(pending(r)).hasSize(2);
        });
    }

    static Scenario zonalSpreadWithNodeTaintsPolicyHonorSkipsZonesOfTaintedPools() {
        SpreadConstraint c = new SpreadConstraint(ZONE, 1, true, app("web"), 0, true, true);
        return scenario("zonalSpreadWithNodeTaintsPolicyHonorSkipsZonesOfTaintedPools", spreadWeb(4, c), List.of(pool("default", Requirement.in(ZONE, Z1, Z2)), pool("tainted", Requirement.in(ZONE, Z3)).withTaints(List.of(taint("gpu", "", Taint.NO_SCHEDULE)))), r -> {
            assertThat(pending(r)).isEmpty();
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2));
        });
    }

    static Scenario zonalSpreadWithNodeTaintsPolicyIgnoreCountsZonesOfTaintedPools() {
        return scenario("zonalSpreadWithNodeTaintsPolicyIgnoreCountsZonesOfTaintedPools", spreadWeb(4, zonal(1)), List.of(pool("default", Requirement.in(ZONE, Z1, Z2)), pool("tainted", Requirement.in(ZONE, Z3)).withTaints(List.of(taint("gpu", "", Taint.NO_SCHEDULE)))), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 1, Z2, 1));
            assertThat(pending(r)).hasSize(2);
        });
    }

    static Scenario spreadOverCapacityTypesAlternatesSpotAndOnDemand() {
        return scenario("spreadOverCapacityTypesAlternatesSpotAndOnDemand", spreadWeb(4, spread(WellKnownLabels.CAPACITY_TYPE, 1, "web")), List.of(pool("default")), r -> {
            Map<String, Integer> byType = new java.util.TreeMap<>();
            r.newClaims().forEach(c -> byType.merge(c.requirements().singleValue(WellKnownLabels.CAPACITY_TYPE), c.pods().size(), Integer::sum));
            assertThat(byType).isEqualTo(Map.of("spot", 2, "on-demand", 2));
        });
    }

    static Scenario spreadOverACustomPoolLabelUsesThePoolsValues() {
        return scenario("spreadOverACustomPoolLabelUsesThePoolsValues", spreadWeb(4, spread("rack", 1, "web")), List.of(pool("default", Requirement.in("rack", "r1", "r2"))), r -> {
            Map<String, Integer> byRack = new java.util.TreeMap<>();
            r.newClaims().forEach(c -> byRack.merge(c.requirements().singleValue("rack"), c.pods().size(), Integer::sum));
            assertThat(byRack).isEqualTo(Map.of("r1", 2, "r2", 2));
        });
    }

    static Scenario zonalAndHostnameSpreadTogether() {
        return scenario("zonalAndHostnameSpreadTogether", spreadWeb(6, zonal(1), hostname(1)), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(6);
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 2, Z2, 2, Z3, 2));
        });
    }

    static Scenario zonalSpreadSelectorWithExpressions() {
        LabelSelector notBatch = LabelSelector.of(Map.of(), List.of(Requirement.in("app", "web"), Requirement.notIn("tier", "batch")));
        SpreadConstraint c = new SpreadConstraint(ZONE, 1, true, notBatch, 0);
        return scenario("zonalSpreadSelectorWithExpressions", spreadWeb(3, c), List.of(pool("default")), r -> {
            assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 1, Z2, 1, Z3, 1));
        });
    }

    @Test
    void zonalSpreadSecondPassCountsThePodsOfInFlightClaims() {
        SchedulingResult first = provision(spreadWeb(3, zonal(1)), pool("default"));
        List<InFlightClaim> claims = new ArrayList<>();
        for (int i = 0; i < first.newClaims().size(); i++) {
            claims.add(inFlight(first.newClaims().get(i), "claim-" + i, true));
        }
        List<SchedulablePod> more = new ArrayList<>();
        for (int i = 3; i < 6; i++) {
            more.add(web("web-" + i).withSpread(List.of(zonal(1))));
        }
        SchedulingResult second = provision(more, List.of(), claims, pool("default"));
        Map<String, Integer> perZone = podsPerZone(second);
        assertThat(pending(second)).isEmpty();
        assertThat(perZone.values()).allMatch(n -> n <= 1);
    }

    // ---------------------------------------------------------------- hostname

    static Scenario hostnameSpreadPutsOnePodOnEachNode() {
        return scenario("hostnameSpreadPutsOnePodOnEachNode", spreadWeb(4, hostname(1)), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(4);
        });
    }

    static Scenario hostnameSpreadMaxSkewTwoAllowsTwoPerNode() {
        return scenario("hostnameSpreadMaxSkewTwoAllowsTwoPerNode", spreadWeb(4, hostname(2)), List.of(pool("default")), r -> {
            assertThat(podsPerClaim(r)).containsExactly(2, 2);
        });
    }

    @Test
    void hostnameSpreadCountsMatchingPodsOnExistingNodes() {
        ExistingNode n = node("n1", Z1, 8, Map.of(), List.of(), List.of(web("old")));
        SchedulingResult r = provision(spreadWeb(2, hostname(1)), List.of(n), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).isEmpty();
        assertThat(r.newClaims()).hasSize(2);
    }

    @Test
    void hostnameSpreadIgnoresPodsTheSelectorDoesNotMatch() {
        ExistingNode n = node("n1", Z1, 8, Map.of(), List.of(), List.of(pod("x", "1"), pod("y", "1")));
        SchedulingResult r = provision(spreadWeb(1, hostname(1)), List.of(n), List.of(), pool("default"));
        assertThat(r.onExistingNodes()).hasSize(1);
    }

    static Scenario hostnameSpreadScheduleAnywayStillSpreadsWhileItCan() {
        SpreadConstraint soft = new SpreadConstraint(HOST, 1, false, app("web"), 0);
        return scenario("hostnameSpreadScheduleAnywayStillSpreadsWhileItCan", spreadWeb(4, soft), List.of(pool("default")), r -> {
            assertThat(r.newClaims()).hasSize(4);
        });
    }

    @Test
    void hostnameSpreadSecondPassReusesTheInFlightClaims() {
        List<SchedulablePod> pods = spreadWeb(4, hostname(1));
        SchedulingResult first = provision(pods, pool("default"));
        SchedulingResult second = provision(pods, List.of(), inFlight(first), pool("default"));
        assertThat(second.newClaims()).isEmpty();
        assertThat(second.onInFlightClaims()).hasSize(4);
    }

    @Test
    void hostnameSpreadSecondPassWithMorePodsLaunchesOnlyTheMissingNodes() {
        SchedulingResult first = provision(spreadWeb(4, hostname(1)), pool("default"));
        SchedulingResult second = provision(spreadWeb(6, hostname(1)), List.of(), inFlight(first), pool("default"));
        assertThat(second.newClaims()).hasSize(2);
        assertThat(pending(second)).isEmpty();
    }

    // ---------------------------------------------------------------- from pod specs

    private static SchedulablePod fromSpec(String name, String hash, String affinityPolicy, java.util.List<String> matchLabelKeys) {
        io.fabric8.kubernetes.api.model.PodSpec spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder()
                .addNewContainer().withName("c").withNewResources().withRequests(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("1")))
                .endResources().endContainer()
                .withNodeSelector(Map.of(ZONE, Z1.equals(hash) ? Z1 : Z2))
                .addNewTopologySpreadConstraint().withTopologyKey(ZONE).withMaxSkew(1).withWhenUnsatisfiable("DoNotSchedule")
                .withNewLabelSelector().withMatchLabels(Map.of("app", "web")).endLabelSelector()
                .withNodeAffinityPolicy(affinityPolicy).withMatchLabelKeys(matchLabelKeys).endTopologySpreadConstraint()
                .build();
        return dev.ebbflow.provisioner.scheduling.PodConverter.convert("default", name, Map.of("app", "web", "pod-template-hash", hash), spec);
    }

    @Test
    void matchLabelKeysCountsOnlyPodsOfTheSameRevision() {
        SchedulablePod old = pod("old", "1", Map.of("app", "web", "pod-template-hash", "v1"));
        ExistingNode n = node("n1", Z1, 1, Map.of(), List.of(), List.of(old, old));
        List<SchedulablePod> fresh = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SchedulablePod p = fromSpec("new-" + i, "v2", null, List.of("pod-template-hash"));
            fresh.add(p.withNodeSelector(Requirements.NONE));
        }
        SchedulingResult r = provision(fresh, List.of(n), List.of(), pool("default"));
        assertThat(podsPerZone(r)).isEqualTo(Map.of(Z1, 1, Z2, 1, Z3, 1));
    }

    @Test
    void nodeAffinityPolicyAndTaintsPolicyAreReadFromThePodSpec() {
        SchedulablePod p = fromSpec("a", "v1", "Ignore", null);
        assertThat(p.spreadConstraints().get(0).honorNodeAffinity()).isFalse();
        assertThat(p.spreadConstraints().get(0).honorNodeTaints()).isFalse();
        assertThat(fromSpec("b", "v1", null, null).spreadConstraints().get(0).honorNodeAffinity()).isTrue();
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(zonalSpreadIgnoresZonesNoOfferingCanLaunchIn(),
                zonalSpreadMinDomainsAboveTheZonesAvailableCapsEachZoneAtMaxSkew(),
                zonalSpreadHonoursNodeAffinityByDefault(),
                zonalSpreadWithNodeAffinityPolicyIgnoreCountsZonesThePodCannotUse(),
                zonalSpreadWithNodeTaintsPolicyHonorSkipsZonesOfTaintedPools(),
                zonalSpreadWithNodeTaintsPolicyIgnoreCountsZonesOfTaintedPools(),
                spreadOverCapacityTypesAlternatesSpotAndOnDemand(),
                spreadOverACustomPoolLabelUsesThePoolsValues(),
                zonalAndHostnameSpreadTogether(),
                zonalSpreadBalancesAcrossEveryZone(),
                zonalSpreadUsesOnlyThePoolsZones(),
                zonalSpreadMinDomainsMetSpreadsAsUsual(),
                zonalSpreadSelectorWithExpressions(),
                hostnameSpreadPutsOnePodOnEachNode(),
                hostnameSpreadMaxSkewTwoAllowsTwoPerNode(),
                hostnameSpreadScheduleAnywayStillSpreadsWhileItCan());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
