package dev.ebbflow.provisioner.disruption;

import static dev.ebbflow.provisioner.disruption.TestNodes.T0;
import static dev.ebbflow.provisioner.disruption.TestNodes.input;
import static dev.ebbflow.provisioner.disruption.TestNodes.movable;
import static dev.ebbflow.provisioner.disruption.TestNodes.node;
import static dev.ebbflow.provisioner.disruption.TestNodes.onDemandPool;
import static dev.ebbflow.provisioner.disruption.TestNodes.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.provisioner.scheduling.InstanceOption;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsolidationTest {

    private static final Instant LATER = T0.plusSeconds(3600);
    private static final DisruptionSettings UNDERUTILIZED = settings("WhenEmptyOrUnderutilized", "30s", new Budget("100%"));

    private static Consolidation.Result decide(List<NodeState> nodes, List<PoolTemplate> pools) {
        return Consolidation.decide(input(UNDERUTILIZED, nodes, pools, LATER));
    }

    @Test
    void twoHalfEmptyNodesBecomeOneCheaperNode() {
        List<NodeState> nodes = List.of(node("a", T0, 4, 0.20, movable("web-1", 1500)), node("b", T0, 4, 0.20, movable("web-2", 1500)));
        Command c = decide(nodes, List.of(onDemandPool())).command().orElseThrow();
        assertThat(c.consolidationType()).isEqualTo(Consolidation.MULTI);
        assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
        assertThat(c.candidates()).containsExactlyInAnyOrder("a", "b");
        assertThat(c.replacement().orElseThrow().cheapest().name()).isEqualTo("c-4");
        assertThat(c.savingsPerHour()).isEqualTo(0.20, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aNodeWhosePodsFitOnTheOthersIsDeleted() {
        NodeState roomy = node("roomy", T0, 8, 0.40, movable("big", 1000));
        roomy = new NodeState("roomy", roomy.node(), roomy.nodePool(), false, true, T0, null, true, roomy.pods(), roomy.offer(), null);
        Consolidation.Result r = decide(List.of(roomy, node("small", T0, 2, 0.10, movable("web", 500))), List.of(onDemandPool()));
        Command c = r.command().orElseThrow();
        assertThat(c.consolidationType()).isEqualTo(Consolidation.SINGLE);
        assertThat(c.decision()).isEqualTo(Command.Decision.DELETE);
        assertThat(c.candidates()).containsExactly("small");
        assertThat(r.unconsolidatable()).containsKey("roomy");
    }

    @Test
    void anOversizedNodeIsReplacedByACheaperOne() {
        Command c = decide(List.of(node("big", T0, 8, 0.40, movable("web", 1000))), List.of(onDemandPool())).command().orElseThrow();
        assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
        assertThat(c.replacement().orElseThrow().options()).extracting(InstanceOption::name).containsExactly("c-2", "c-4");
        assertThat(c.replacement().get().options()).allMatch(o -> o.price() < 0.40);
        assertThat(c.savingsPerHour()).isEqualTo(0.30, org.assertj.core.data.Offset.offset(1e-9));
    }

    /**
     * The pods fit one c-8 (0.48) for the c-16 they run on (0.96), though a c-8 costs more per vCPU
     * than a c-4: packing for the least cost of new capacity would fill a c-4 and open a second
     * claim, and two new nodes cannot replace one.
     */
    @Test
    void aNodeIsReplacedByOneCheaperNodeEvenWhenTwoSmallerOnesWouldCostLess() {
        PoolTemplate premium = PoolTemplate.basic(TestNodes.POOL, 0, Requirements.NONE, List.of(TestNodes.type(2, "on-demand", 0.05),
                TestNodes.type(4, "on-demand", 0.05), TestNodes.type(8, "on-demand", 0.06)));
        NodeState big = node("big", T0, 16, 0.96, movable("web-1", 2000), movable("web-2", 2000), movable("web-3", 2000));
        Consolidation.Result r = decide(List.of(big), List.of(premium));
        Command c = r.command().orElseThrow(() -> new AssertionError(r.unconsolidatable()));
        assertThat(c.consolidationType()).isEqualTo(Consolidation.SINGLE);
        assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
        assertThat(c.replacement().orElseThrow().options()).extracting(InstanceOption::name).containsExactly("c-8");
        assertThat(c.savingsPerHour()).isEqualTo(0.48, org.assertj.core.data.Offset.offset(1e-9));
    }

    /** An on-demand node moves into a capacity reservation with an instance left, and only while one is left. */
    @Test
    void anOnDemandNodeIsReplacedByReservedCapacityWhileTheReservationHasRoom() {
        for (int left : new int[] {1, 0}) {
            var reservation = new dev.ebbflow.provisioner.catalog.Reservation("cr-1", left, java.util.Map.of("example.com/reservation-id", "cr-1"));
            var c4 = TestNodes.type(4, "on-demand", 0.05);
            var reservedC4 = new dev.ebbflow.provisioner.catalog.InstanceType("c-4", c4.capacity(), c4.overhead(), "amd64", java.util.Set.of("linux"),
                    java.util.Map.of(), java.util.Set.of(), List.of(c4.offerings().get(0),
                    new dev.ebbflow.provisioner.catalog.Offering("zone-a", "reserved", 0.0001, true, reservation)));
            PoolTemplate pool = PoolTemplate.basic(TestNodes.POOL, 0, Requirements.of(dev.ebbflow.provisioner.scheduling.Requirement.in(
                    dev.ebbflow.provisioner.scheduling.WellKnownLabels.CAPACITY_TYPE, "reserved", "on-demand")), List.of(reservedC4));
            Consolidation.Result r = decide(List.of(node("a", T0, 4, 0.20, movable("train", 3000))), List.of(pool));
            if (left == 0) {
                assertThat(r.command()).as("no cheaper capacity than the node itself").isEmpty();
                continue;
            }
            Command c = r.command().orElseThrow(() -> new AssertionError(r.unconsolidatable()));
            assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
            var replacement = c.replacement().orElseThrow();
            assertThat(replacement.cheapest().offering().reservation().id()).isEqualTo("cr-1");
            assertThat(replacement.requirements().get("example.com/reservation-id").finiteValues()).containsExactly("cr-1");
        }
    }

    @Test
    void aReplacementThatIsNotCheaperIsNoConsolidation() {
        Consolidation.Result r = decide(List.of(node("snug", T0, 2, 0.10, movable("web", 1500))), List.of(onDemandPool()));
        assertThat(r.command()).isEmpty();
        assertThat(r.unconsolidatable()).containsEntry("snug", "can't replace with a lower-priced node");
    }

    @Test
    void podsWithNoOtherPlaceKeepTheirNodes() {
        List<NodeState> nodes = List.of(node("a", T0, 4, 0.20, movable("web-1", 3000)), node("b", T0, 4, 0.20, movable("web-2", 3000)));
        Consolidation.Result r = decide(nodes, List.of());
        assertThat(r.command()).isEmpty();
        assertThat(r.unconsolidatable().get("a")).startsWith("pod default/web-1 would not fit elsewhere");
    }

    @Test
    void doNotDisruptPodsAndBlockingPodDisruptionBudgetsKeepTheirNodes() {
        PodState pinned = new PodState(TestNodes.pod("batch", 500), true, null, 0, 0);
        PodState guarded = new PodState(TestNodes.pod("db", 500), false, "PodDisruptionBudget default/db allows no further disruption", 0, 0);
        Consolidation.Result r = decide(List.of(node("a", T0, 8, 0.40, pinned), node("b", T0, 8, 0.40, guarded)), List.of(onDemandPool()));
        assertThat(r.command()).isEmpty();
        assertThat(r.eligible()).isZero();
        assertThat(r.unconsolidatable().get("a")).contains("do-not-disrupt");
        assertThat(r.unconsolidatable().get("b")).contains("PodDisruptionBudget default/db");
    }

    @Test
    void aBudgetOfZeroOrOneOutsideItsWindowHoldsEverythingBack() {
        List<NodeState> nodes = List.of(node("a", T0, 8, 0.40, movable("web", 1000)));
        Consolidation.Result r = Consolidation.decide(input(settings("WhenEmptyOrUnderutilized", "30s", new Budget("0")), nodes,
                List.of(onDemandPool()), LATER));
        assertThat(r.command()).isEmpty();
        assertThat(r.budgetBlocked()).containsExactly("a");
        Budget onlyUnderutilizedAtNight = new Budget("0");
        onlyUnderutilizedAtNight.setReasons(List.of(DisruptionBudgets.UNDERUTILIZED));
        onlyUnderutilizedAtNight.setSchedule("0 9 * * *");
        onlyUnderutilizedAtNight.setDuration("8h");
        Instant daytime = Instant.parse("2026-01-06T12:00:00Z");
        assertThat(Consolidation.decide(input(settings("WhenEmptyOrUnderutilized", "30s", onlyUnderutilizedAtNight), nodes,
                List.of(onDemandPool()), daytime)).command()).isEmpty();
        assertThat(Consolidation.decide(input(settings("WhenEmptyOrUnderutilized", "30s", onlyUnderutilizedAtNight), nodes,
                List.of(onDemandPool()), daytime.plusSeconds(8 * 3600))).command()).isPresent();
    }

    @Test
    void whenEmptyNeverAndARecentPodEventMeanNoConsolidation() {
        List<NodeState> nodes = List.of(node("a", T0, 8, 0.40, movable("web", 1000)));
        assertThat(Consolidation.decide(input(settings("WhenEmpty", "30s"), nodes, List.of(onDemandPool()), LATER)).command()).isEmpty();
        assertThat(Consolidation.decide(input(settings("WhenEmptyOrUnderutilized", "Never"), nodes, List.of(onDemandPool()), LATER)).command())
                .isEmpty();
        NodeState busy = nodes.get(0);
        busy = new NodeState("a", busy.node(), busy.nodePool(), false, true, T0, LATER.minusSeconds(10), false, busy.pods(), busy.offer(), null);
        assertThat(decide(List.of(busy), List.of(onDemandPool())).command()).isEmpty();
    }

    @Test
    void pendingPodsHoldConsolidationBack() {
        ConsolidationInput in = input(UNDERUTILIZED, List.of(node("a", T0, 8, 0.40, movable("web", 1000))), List.of(onDemandPool()), LATER);
        ConsolidationInput pending = new ConsolidationInput(in.settings(), in.claims(), in.otherNodes(), in.inFlight(), in.pools(),
                List.of(TestNodes.pod("new", 100)), in.nominations(), in.now(), in.nominationWindow(), false);
        assertThat(Consolidation.decide(pending).command()).isEmpty();
    }

    @Test
    void spotNodesAreReplacedOnlyBySpotWithTheGateAndEnoughCheaperTypes() {
        NodeState spot = node("s", T0, 32, 1.60, "spot", movable("web", 1000));
        List<PoolTemplate> few = List.of(PoolTemplate.basic(TestNodes.POOL, 0, Requirements.NONE,
                List.of(TestNodes.type(2, "spot", 0.05), TestNodes.type(4, "spot", 0.05))));
        Consolidation.Result off = decide(List.of(spot), few);
        assertThat(off.command()).isEmpty();
        assertThat(off.unconsolidatable().get("s")).contains("spot-to-spot consolidation is disabled");
        ConsolidationInput gated = withGate(input(UNDERUTILIZED, List.of(spot), few, LATER));
        assertThat(Consolidation.decide(gated).unconsolidatable().get("s")).contains("requires 15 cheaper instance type options").contains("got 2");

        List<dev.ebbflow.provisioner.catalog.InstanceType> many = new ArrayList<>();
        for (int cpu = 2; cpu <= 31; cpu++) {
            many.add(TestNodes.type(cpu, cpu % 2 == 0 ? "spot" : "on-demand", 0.05));
        }
        Command c = Consolidation.decide(withGate(input(UNDERUTILIZED, List.of(spot), List.of(PoolTemplate.basic(TestNodes.POOL, 0,
                Requirements.NONE, many)), LATER))).command().orElseThrow();
        assertThat(c.decision()).isEqualTo(Command.Decision.REPLACE);
        assertThat(c.replacement().orElseThrow().options()).hasSizeGreaterThanOrEqualTo(RemovalSimulation.MIN_SPOT_TO_SPOT_TYPES)
                .allMatch(o -> o.offering().capacityType().equals("spot"));
        assertThat(c.replacement().get().requirements().allows("karpenter.sh/capacity-type", "on-demand")).isFalse();
    }

    @Test
    void candidatesGoCheapestToDisruptFirst() {
        PodState important = new PodState(TestNodes.pod("important", 100), false, null, 1_000_000_000, 0);
        List<NodeState> nodes = List.of(node("many", T0, 8, 0.40, movable("p1", 100), movable("p2", 100), movable("p3", 100)),
                node("one-important", T0, 8, 0.40, important), node("one", T0, 8, 0.40, movable("p4", 100)));
        assertThat(Candidates.underutilized(input(UNDERUTILIZED, nodes, List.of(), LATER)).eligible()).extracting(NodeState::claim)
                .containsExactly("one", "one-important", "many");
    }

    @Test
    void aDecisionIsDroppedWhenFreshStateDisagrees() {
        List<NodeState> nodes = List.of(node("big", T0, 8, 0.40, movable("web", 1000)));
        ConsolidationInput in = input(UNDERUTILIZED, nodes, List.of(onDemandPool()), LATER);
        Command c = Consolidation.decide(in).command().orElseThrow();
        ConsolidationInput later = in.at(LATER.plus(Consolidation.VALIDATION_DELAY));
        assertThat(Consolidation.validate(c, later)).isEmpty();

        ConsolidationInput pending = new ConsolidationInput(later.settings(), later.claims(), List.of(), List.of(), later.pools(),
                List.of(TestNodes.pod("new", 100)), Nominations.NONE, later.now(), later.nominationWindow(), false);
        assertThat(Consolidation.validate(c, pending)).hasValue("1 pods are pending");

        NodeState pinnedNow = nodes.get(0).withPods(List.of(new PodState(TestNodes.pod("web", 1000), true, null, 0, 0)));
        assertThat(Consolidation.validate(c, input(UNDERUTILIZED, List.of(pinnedNow), List.of(onDemandPool()), later.now())))
                .hasValueSatisfying(why -> assertThat(why).contains("no longer a candidate").contains("do-not-disrupt"));

        PoolTemplate dearer = PoolTemplate.basic(TestNodes.POOL, 0, Requirements.NONE, List.of(TestNodes.type(2, "on-demand", 0.15),
                TestNodes.type(4, "on-demand", 0.09), TestNodes.type(8, "on-demand", 0.09)));
        assertThat(Consolidation.validate(c, input(UNDERUTILIZED, nodes, List.of(dearer), later.now()))).hasValue("the replacement's price rose");
    }

    private static ConsolidationInput withGate(ConsolidationInput in) {
        return new ConsolidationInput(in.settings(), in.claims(), in.otherNodes(), in.inFlight(), in.pools(), in.pending(), in.nominations(),
                in.now(), in.nominationWindow(), true);
    }

}
