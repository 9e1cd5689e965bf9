package dev.ebbflow.provisioner.scheduling;

import static dev.ebbflow.provisioner.scheduling.Fixtures.amd64;
import static dev.ebbflow.provisioner.scheduling.Fixtures.catalog;
import static dev.ebbflow.provisioner.scheduling.Fixtures.node;
import static dev.ebbflow.provisioner.scheduling.Fixtures.pod;
import static dev.ebbflow.provisioner.scheduling.Fixtures.pool;
import static dev.ebbflow.provisioner.scheduling.Fixtures.provision;
import static dev.ebbflow.provisioner.scheduling.Fixtures.term;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ResourceList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The provisioning simulation: where pods go, which claims are made, and on what instance types. */
class ProvisioningTest {

    private static List<SchedulablePod> pods(String prefix, int n, String cpu, String memory) {
        List<SchedulablePod> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pod(prefix + i, cpu, memory, Map.of("app", prefix)));
        }
        return out;
    }

    @Test
    void existingNodesComeFirstThenInFlightClaimsThenNewClaims() {
        ExistingNode n = node("n1", "2", "8Gi", Map.of(), List.of(), List.of());
        InFlightClaim claim = new InFlightClaim("default-abc", "default", pool("default").nodeRequirements(), List.of(),
                ResourceList.parse(Map.of("cpu", "2", "memory", "8Gi", "pods", "110")), List.of());
        SchedulingResult r = Scheduler.provision(new SchedulingInput(pods("w", 3, "1500m", "1Gi"), List.of(n), List.of(claim), List.of(pool("default"))));
        assertThat(r.onExistingNodes()).extracting(Placement::target).containsExactly("n1");
        assertThat(r.onInFlightClaims()).extracting(Placement::target).containsExactly("default-abc");
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.unschedulable()).isEmpty();
    }

    @Test
    void newClaimListsEveryFittingTypeCheapestFirstWithSpotPreferred() {
        SchedulingResult r = provision(List.of(pod("a", "3", "4Gi")), List.of(), pool("default"));
        NewClaim c = r.newClaims().get(0);
        assertThat(c.options()).extracting(InstanceOption::name).containsExactly("m.xlarge", "m.2xlarge", "m.4xlarge");
        assertThat(c.cheapest().offering().capacityType()).isEqualTo(Offering.SPOT);
        assertThat(c.cheapest().price()).isEqualTo(0.20 * 0.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(c.requirements().get(WellKnownLabels.INSTANCE_TYPE).finiteValues()).containsExactlyInAnyOrder("m.xlarge", "m.2xlarge", "m.4xlarge");
        assertThat(c.requirements().singleValue(WellKnownLabels.NODEPOOL)).isEqualTo("default");
        assertThat(c.requests().milli("cpu")).isEqualTo(3000);
    }

    @Test
    void onDemandOnlyPoolGetsOnDemandOfferings() {
        PoolTemplate od = PoolTemplate.basic("od", 0, Requirements.of(Requirement.in(WellKnownLabels.CAPACITY_TYPE, Offering.ON_DEMAND)), amd64());
        NewClaim c = provision(List.of(pod("a", "1", "1Gi")), List.of(), od).newClaims().get(0);
        assertThat(c.cheapest().offering().capacityType()).isEqualTo(Offering.ON_DEMAND);
        assertThat(c.requirements().get(WellKnownLabels.CAPACITY_TYPE).finiteValues()).containsExactly(Offering.ON_DEMAND);
    }

    @Test
    void unavailableOfferingsAreSkipped() {
        List<Offering> onlyB = List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.05, false), new Offering("zone-b", Offering.ON_DEMAND, 0.30, true));
        InstanceType cheapButGone = Fixtures.type("c.large", 2, 8, "amd64", Map.of(), onlyB);
        PoolTemplate p = PoolTemplate.basic("p", 0, Requirements.NONE, List.of(cheapButGone, Fixtures.type("m.large", 2, 8, "amd64", 0.10)));
        SchedulablePod inA = pod("a", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.ZONE, "zone-a")));
        NewClaim c = provision(List.of(inA), List.of(), p).newClaims().get(0);
        assertThat(c.options()).extracting(InstanceOption::name).containsExactly("m.large");
        NewClaim anyZone = provision(List.of(pod("b", "1", "1Gi")), List.of(), p).newClaims().get(0);
        assertThat(anyZone.options()).filteredOn(o -> o.name().equals("c.large")).singleElement()
                .satisfies(o -> assertThat(o.offering().zone()).isEqualTo("zone-b"));
    }

    @Test
    void packsSmallPodsOntoFewCheapNodes() {
        SchedulingResult r = provision(pods("w", 8, "900m", "3Gi"), List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.newClaims().get(0).cheapest().name()).isEqualTo("m.2xlarge");
        assertThat(r.newClaims().get(0).pods()).hasSize(8);
    }

    @Test
    void pricierPoolWinsWhenItsWeightIsHigher() {
        PoolTemplate heavy = PoolTemplate.basic("heavy", 50, Requirements.NONE, amd64());
        PoolTemplate light = PoolTemplate.basic("light", 10, Requirements.NONE, catalog());
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), light, heavy).newClaims()).extracting(NewClaim::nodePool).containsExactly("heavy");
        PoolTemplate heavyArmOnly = PoolTemplate.basic("heavy", 50, Requirements.of(Requirement.in(WellKnownLabels.ARCH, "arm64")), amd64());
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), light, heavyArmOnly).newClaims()).extracting(NewClaim::nodePool).containsExactly("light");
    }

    @Test
    void arm64OnlyRequirementGetsArm64Types() {
        PoolTemplate arm = PoolTemplate.basic("arm", 0, Requirements.of(Requirement.in(WellKnownLabels.ARCH, "arm64")), catalog());
        NewClaim c = provision(List.of(pod("a", "1", "1Gi")), List.of(), arm).newClaims().get(0);
        assertThat(c.options()).extracting(o -> o.instanceType().architecture()).containsOnly("arm64");
        SchedulablePod wantsArm = pod("b", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.ARCH, "arm64")));
        NewClaim viaPod = provision(List.of(wantsArm), List.of(), PoolTemplate.basic("any", 0, Requirements.NONE, catalog())).newClaims().get(0);
        assertThat(viaPod.options()).extracting(InstanceOption::name).containsExactly("g.large", "g.xlarge");
        SchedulingResult none = provision(List.of(wantsArm), List.of(), pool("amd"));
        assertThat(none.unschedulable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("nodepool amd").contains("kubernetes.io/arch"));
    }

    @Test
    void poolTaintsNeedTolerations() {
        PoolTemplate gpu = pool("gpu").withTaints(List.of(new Taint("nvidia.com/gpu", "true", Taint.NO_SCHEDULE)));
        SchedulingResult refused = provision(List.of(pod("a", "1", "1Gi")), List.of(), gpu);
        assertThat(refused.unschedulable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("nvidia.com/gpu=true:NoSchedule"));
        SchedulablePod tolerant = pod("b", "1", "1Gi").withTolerations(List.of(new Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule")));
        SchedulingResult ok = provision(List.of(tolerant), List.of(), gpu);
        assertThat(ok.newClaims()).singleElement().satisfies(c -> assertThat(c.taints()).hasSize(1));
    }

    @Test
    void cpuLimitStopsProvisioningWithAMessage() {
        PoolTemplate limited = pool("small").withLimits(4000L, null, null);
        SchedulingResult r = provision(pods("w", 3, "3", "1Gi"), List.of(), limited);
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.newClaims().get(0).options()).extracting(InstanceOption::name).containsExactly("m.xlarge");
        assertThat(r.unschedulable()).hasSize(2).allSatisfy(u -> assertThat(u.reason()).contains("limits"));
        assertThat(r.limitMessages()).singleElement().satisfies(m -> assertThat(m).contains("nodepool small"));
    }

    @Test
    void nodeLimitStopsProvisioning() {
        PoolTemplate oneNode = pool("one").withLimits(null, null, 1L);
        SchedulingResult r = provision(pods("w", 2, "15", "1Gi"), List.of(), oneNode);
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.unschedulable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("limits reached: nodes"));
        assertThat(r.limitMessages()).anySatisfy(m -> assertThat(m).contains("nodes"));
    }

    @Test
    void unlimitedPoolTakesOverWhenTheWeightedOneIsExhausted() {
        PoolTemplate first = PoolTemplate.basic("first", 100, Requirements.NONE, amd64()).withLimits(null, null, 1L);
        PoolTemplate second = PoolTemplate.basic("second", 1, Requirements.NONE, amd64());
        SchedulingResult r = provision(pods("w", 2, "15", "1Gi"), List.of(), first, second);
        assertThat(r.newClaims()).extracting(NewClaim::nodePool).containsExactly("first", "second");
    }

    @Test
    void minValuesKeepsEnoughInstanceTypes() {
        Requirements flexible = Requirements.of(new Requirement(WellKnownLabels.INSTANCE_TYPE, Operator.EXISTS, Set.of(), 3));
        PoolTemplate p = PoolTemplate.basic("flex", 0, flexible, amd64());
        NewClaim c = provision(List.of(pod("a", "1", "1Gi")), List.of(), p).newClaims().get(0);
        assertThat(c.options()).hasSizeGreaterThanOrEqualTo(3);
        SchedulingResult tooBig = provision(List.of(pod("b", "10", "1Gi")), List.of(), p);
        assertThat(tooBig.unschedulable()).singleElement().satisfies(u -> assertThat(u.reason()).contains("minValues 3"));
        // Without minValues the same pod gets the one type that fits.
        assertThat(provision(List.of(pod("b", "10", "1Gi")), List.of(), pool("plain")).newClaims()).hasSize(1);
    }

    @Test
    void minValuesStopsPackingBeforeTheClaimGetsInflexible() {
        Requirements flexible = Requirements.of(new Requirement(WellKnownLabels.INSTANCE_TYPE, Operator.EXISTS, Set.of(), 2));
        SchedulingResult r = provision(pods("w", 3, "3", "1Gi"), List.of(), PoolTemplate.basic("flex", 0, flexible, amd64()));
        // 9 cpu would leave only m.4xlarge; with minValues 2 a claim stops at 6 cpu (m.2xlarge and m.4xlarge).
        assertThat(r.newClaims()).hasSize(2);
        assertThat(r.newClaims()).allSatisfy(c -> assertThat(c.options().size()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void antiAffinityCreatesSeparateClaims() {
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(pod("web" + i, "500m", "1Gi", Map.of("app", "web")).withPodAntiAffinity(List.of(term("web", WellKnownLabels.HOSTNAME)), List.of()));
        }
        SchedulingResult r = provision(pods, List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(3).allSatisfy(c -> assertThat(c.pods()).hasSize(1));
        SchedulingResult without = provision(pods("web", 3, "500m", "1Gi"), List.of(), pool("default"));
        assertThat(without.newClaims()).hasSize(1);
    }

    @Test
    void zoneSpreadNarrowsClaimsToDistinctZones() {
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pods.add(pod("web" + i, "500m", "1Gi", Map.of("app", "web"))
                    .withSpread(List.of(new SpreadConstraint(WellKnownLabels.ZONE, 1, true, Fixtures.app("web"), 0))));
        }
        SchedulingResult r = provision(pods, List.of(), pool("default"));
        Map<String, Integer> perZone = r.newClaims().stream().collect(Collectors.groupingBy(
                c -> c.requirements().singleValue(WellKnownLabels.ZONE), Collectors.summingInt(c -> c.pods().size())));
        assertThat(perZone).containsOnly(Map.entry("zone-a", 2), Map.entry("zone-b", 2), Map.entry("zone-c", 2));
        assertThat(r.newClaims()).hasSize(3);
    }

    @Test
    void zoneSpreadCountsPodsOnExistingNodes() {
        ExistingNode a = node("a", "1", "1Gi", Map.of(WellKnownLabels.ZONE, "zone-a"), List.of(), List.of(pod("old1", "100m", "1Mi", Map.of("app", "web"))));
        ExistingNode b = node("b", "1", "1Gi", Map.of(WellKnownLabels.ZONE, "zone-b"), List.of(), List.of(pod("old2", "100m", "1Mi", Map.of("app", "web"))));
        SchedulablePod p = pod("new", "500m", "1Gi", Map.of("app", "web"))
                .withSpread(List.of(new SpreadConstraint(WellKnownLabels.ZONE, 1, true, Fixtures.app("web"), 0)));
        SchedulingResult r = provision(List.of(p), List.of(a, b), pool("default"));
        assertThat(r.newClaims()).singleElement().satisfies(c -> assertThat(c.requirements().singleValue(WellKnownLabels.ZONE)).isEqualTo("zone-c"));
    }

    @Test
    void hostnameSpreadPutsOnePodPerNode() {
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pods.add(pod("web" + i, "500m", "1Gi", Map.of("app", "web"))
                    .withSpread(List.of(new SpreadConstraint(WellKnownLabels.HOSTNAME, 1, true, Fixtures.app("web"), 0))));
        }
        assertThat(provision(pods, List.of(), pool("default")).newClaims()).hasSize(3);
    }

    @Test
    void zoneAffinityKeepsPodsTogether() {
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pods.add(pod("web" + i, "12", "1Gi", Map.of("app", "web")).withPodAffinity(List.of(term("web", WellKnownLabels.ZONE)), List.of()));
        }
        SchedulingResult r = provision(pods, List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(4);
        assertThat(r.newClaims()).extracting(c -> c.requirements().singleValue(WellKnownLabels.ZONE)).containsOnly("zone-a");
    }

    @Test
    void preferredZoneIsUsedAndRelaxedWhenNoPoolOffersIt() {
        SchedulablePod wantsB = pod("a", "1", "1Gi").withNodeAffinity(List.of(),
                List.of(new WeightedRequirements(10, Requirements.of(Requirement.in(WellKnownLabels.ZONE, "zone-b")))));
        assertThat(provision(List.of(wantsB), List.of(), pool("default")).newClaims().get(0).requirements().singleValue(WellKnownLabels.ZONE)).isEqualTo("zone-b");
        SchedulablePod wantsMars = pod("a", "1", "1Gi").withNodeAffinity(List.of(),
                List.of(new WeightedRequirements(10, Requirements.of(Requirement.in(WellKnownLabels.ZONE, "mars")))));
        SchedulingResult r = provision(List.of(wantsMars), List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.newClaims().get(0).requirements().get(WellKnownLabels.ZONE).finiteValues()).hasSize(3);
    }

    @Test
    void daemonSetOverheadIsReservedOnNewNodes() {
        SchedulablePod agent = pod("agent", "1", "1Gi");
        SchedulablePod armOnlyAgent = pod("arm-agent", "4", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.ARCH, "arm64")));
        SchedulablePod intolerant = pod("picky", "4", "1Gi");
        PoolTemplate base = pool("default").withTaints(List.of(new Taint("team", "a", Taint.NO_SCHEDULE)));
        SchedulablePod tolerantAgent = agent.withTolerations(List.of(new Toleration("", "Exists", null, null)));
        SchedulablePod tolerantPod = pod("a", "1500m", "1Gi").withTolerations(List.of(new Toleration("team", "Equal", "a", Taint.NO_SCHEDULE)));
        PoolTemplate withOverhead = base.withDaemonSets(List.of(tolerantAgent, armOnlyAgent, intolerant));
        NewClaim c = provision(List.of(tolerantPod), List.of(), withOverhead).newClaims().get(0);
        assertThat(c.cheapest().name()).isEqualTo("m.xlarge");
        assertThat(c.requests().milli("cpu")).isEqualTo(2500);
        assertThat(provision(List.of(pod("a", "1500m", "1Gi")), List.of(), pool("default")).newClaims().get(0).cheapest().name()).isEqualTo("m.large");
    }

    @Test
    void instanceTypeLabelsAreSelectableWithoutThePoolNamingThem() {
        InstanceType c5 = Fixtures.type("c5.large", 2, 4, "amd64", Map.of("karpenter.k8s.aws/instance-family", "c5"),
                List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.09, true)));
        InstanceType m5 = Fixtures.type("m5.large", 2, 8, "amd64", Map.of("karpenter.k8s.aws/instance-family", "m5"),
                List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.10, true)));
        PoolTemplate p = PoolTemplate.basic("aws", 0, Requirements.NONE, List.of(c5, m5));
        SchedulablePod wantsM5 = pod("a", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of("karpenter.k8s.aws/instance-family", "m5")));
        assertThat(provision(List.of(wantsM5), List.of(), p).newClaims().get(0).options()).extracting(InstanceOption::name).containsExactly("m5.large");
        SchedulablePod wantsTeam = pod("b", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of("team", "x")));
        assertThat(provision(List.of(wantsTeam), List.of(), p).unschedulable()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("team"));
        assertThat(provision(List.of(wantsTeam), List.of(), p.withLabels(Map.of("team", "x"))).newClaims()).hasSize(1);
    }

    @Test
    void podThatNoPoolCanFitIsReportedAndOthersStillProvisioned() {
        SchedulingResult r = provision(List.of(pod("huge", "64", "1Gi"), pod("ok", "1", "1Gi")), List.of(), pool("default"));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(r.unschedulable()).singleElement().satisfies(u -> {
            assertThat(u.pod().name()).isEqualTo("huge");
            assertThat(u.reason()).contains("nodepool default").contains("no instance type has room");
        });
    }

    @Test
    void hostPortConflictsSplitClaims() {
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pods.add(pod("p" + i, "500m", "1Gi").withHostPorts(List.of(new HostPort("TCP", null, 9100))));
        }
        assertThat(provision(pods, List.of(), pool("default")).newClaims()).hasSize(2);
    }

    @Test
    void contradictoryPoolIsReported() {
        PoolTemplate broken = PoolTemplate.basic("broken", 0, Requirements.of(Requirement.in(WellKnownLabels.ARCH, "s390x")), amd64());
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), broken).unschedulable()).singleElement()
                .satisfies(u -> assertThat(u.reason()).contains("nodepool broken: no instance type meets"));
    }

    @Test
    void numericRequirementsOnInstanceTypeLabels() {
        List<InstanceType> types = new ArrayList<>();
        for (int cpu : new int[] {2, 4, 8}) {
            types.add(Fixtures.type("c." + cpu, cpu, cpu * 2, "amd64", Map.of("example.com/cpu", Integer.toString(cpu)),
                    List.of(new Offering("zone-a", Offering.ON_DEMAND, cpu * 0.05, true))));
        }
        PoolTemplate atLeast4 = PoolTemplate.basic("big", 0, Requirements.of(new Requirement("example.com/cpu", Operator.GTE, Set.of("4"), null)), types);
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), atLeast4).newClaims().get(0).options())
                .extracting(InstanceOption::name).containsExactly("c.4", "c.8");
        PoolTemplate below8 = PoolTemplate.basic("small", 0, Requirements.of(new Requirement("example.com/cpu", Operator.LT, Set.of("8"), null)), types);
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), below8).newClaims().get(0).options())
                .extracting(InstanceOption::name).containsExactly("c.2", "c.4");
    }

    @Test
    void absentLabelsOfInstanceTypesAreRespected() {
        InstanceType withGpu = Fixtures.type("gpu.large", 2, 8, "amd64", Map.of("example.com/gpu-name", "t4"),
                List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.50, true)));
        InstanceType noGpu = new InstanceType("cpu.large", Fixtures.res("2", "8Gi").plus(dev.ebbflow.provisioner.catalog.ResourceList.parse(Map.of("pods", "110"))),
                ResourceList.EMPTY, "amd64", Set.of("linux"), Map.of(), Set.of("example.com/gpu-name"),
                List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.10, true)));
        PoolTemplate p = PoolTemplate.basic("p", 0, Requirements.NONE, List.of(withGpu, noGpu));
        SchedulablePod wantsGpu = pod("a", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.exists("example.com/gpu-name")));
        SchedulablePod avoidsGpu = pod("b", "1", "1Gi").withNodeSelector(Requirements.of(Requirement.doesNotExist("example.com/gpu-name")));
        assertThat(provision(List.of(wantsGpu), List.of(), p).newClaims().get(0).options()).extracting(InstanceOption::name).containsExactly("gpu.large");
        assertThat(provision(List.of(avoidsGpu), List.of(), p).newClaims().get(0).options()).extracting(InstanceOption::name).containsExactly("cpu.large");
    }

    @Test
    void preferNoSchedulePoolIsUsedOnlyWhenNothingElseFits() {
        PoolTemplate soft = PoolTemplate.basic("soft", 100, Requirements.NONE, amd64()).withTaints(List.of(new Taint("spot", "", Taint.PREFER_NO_SCHEDULE)));
        PoolTemplate plain = PoolTemplate.basic("plain", 1, Requirements.NONE, amd64());
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), soft, plain).newClaims()).extracting(NewClaim::nodePool).containsExactly("plain");
        assertThat(provision(List.of(pod("a", "1", "1Gi")), List.of(), soft).newClaims()).extracting(NewClaim::nodePool).containsExactly("soft");
    }

    @Test
    void inFlightClaimIsNarrowedByThePodsItTakes() {
        InFlightClaim claim = new InFlightClaim("c1", "default", pool("default").nodeRequirements(), List.of(),
                ResourceList.parse(Map.of("cpu", "4", "memory", "16Gi", "pods", "110")), List.of());
        SchedulablePod inB = pod("a", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.ZONE, "zone-b")));
        SchedulablePod inC = pod("b", "1", "1Gi").withNodeSelector(Requirements.fromLabels(Map.of(WellKnownLabels.ZONE, "zone-c")));
        SchedulingResult r = Scheduler.provision(new SchedulingInput(List.of(inB, inC), List.of(), List.of(claim), List.of(pool("default"))));
        assertThat(r.onInFlightClaims()).extracting(pl -> pl.pod().name()).containsExactly("a");
        assertThat(r.newClaims()).singleElement().satisfies(c -> assertThat(c.requirements().singleValue(WellKnownLabels.ZONE)).isEqualTo("zone-c"));
    }

    @Test
    void reasonSummarisesExistingNodes() {
        ExistingNode small = node("small", "1", "1Gi", Map.of(), List.of(), List.of());
        SchedulingResult r = provision(List.of(pod("a", "2", "1Gi")), List.of(small, node("small2", "1", "1Gi", Map.of(), List.of(), List.of())));
        assertThat(r.unschedulable()).singleElement().satisfies(u -> assertThat(u.reason()).isEqualTo("existing nodes: 2 insufficient cpu"));
    }

    @Test
    void zoneSpreadOnlyCountsZonesThePoolCanBuyIn() {
        // zone-c sells spot only, the pool wants on-demand: two domains, so four pods go two and two.
        List<Offering> offerings = List.of(new Offering("zone-a", Offering.ON_DEMAND, 0.1, true), new Offering("zone-b", Offering.ON_DEMAND, 0.1, true),
                new Offering("zone-c", Offering.SPOT, 0.05, true));
        PoolTemplate od = PoolTemplate.basic("od", 0, Requirements.of(Requirement.in(WellKnownLabels.CAPACITY_TYPE, Offering.ON_DEMAND)),
                List.of(Fixtures.type("m.xlarge", 4, 16, "amd64", Map.of(), offerings)));
        List<SchedulablePod> pods = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pods.add(pod("web" + i, "500m", "1Gi", Map.of("app", "web"))
                    .withSpread(List.of(new SpreadConstraint(WellKnownLabels.ZONE, 1, true, Fixtures.app("web"), 0))));
        }
        SchedulingResult r = provision(pods, List.of(), od);
        assertThat(r.unschedulable()).isEmpty();
        assertThat(r.newClaims()).extracting(c -> c.requirements().singleValue(WellKnownLabels.ZONE)).containsExactlyInAnyOrder("zone-a", "zone-b");
    }
}
