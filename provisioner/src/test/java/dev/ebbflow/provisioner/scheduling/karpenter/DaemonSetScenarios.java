package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.Operator;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/**
 * Karpenter's DaemonSet overhead: every new node keeps room for the DaemonSet pods that would run on
 * it, and only for those (their node selector, node affinity and tolerations decide, per instance type).
 */
class DaemonSetScenarios {

    private static SchedulablePod agent(String cpu) {
        return SchedulablePod.simple("kube-system", "agent", Map.of("app", "agent"), ResourceList.parse(Map.of("cpu", cpu, "memory", "128Mi")));
    }

    private static String sizeFor(SchedulablePod workload, SchedulablePod... daemonSets) {
        SchedulingResult r = provision(List.of(workload), pool("default").withDaemonSets(List.of(daemonSets)));
        assertThat(r.newClaims()).hasSize(1);
        return cheapestType(r.newClaims().get(0));
    }

    @Test
    void daemonSetOverheadIsReservedOnNewNodes() {
        assertThat(sizeFor(pod("a", "3"), agent("1500m"))).isEqualTo("c-8x");
    }

    @Test
    void daemonSetOverheadIsPartOfTheClaimsRequests() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("default").withDaemonSets(List.of(agent("500m"))));
        assertThat(r.newClaims().get(0).requests().milli("cpu")).isEqualTo(1500);
    }

    @Test
    void daemonSetForAnotherArchitectureIsNotCounted() {
        assertThat(sizeFor(pod("a", "3500m"), agent("2").withNodeSelector(sel(WellKnownLabels.ARCH, "arm64")))).isEqualTo("c-4x");
    }

    @Test
    void daemonSetSelectingOnlyLargeTypesIsNotCountedOnSmallOnes() {
        assertThat(sizeFor(pod("a", "3500m"), agent("2").withNodeSelector(sel(WellKnownLabels.INSTANCE_TYPE, "c-16x")))).isEqualTo("c-4x");
    }

    @Test
    void daemonSetWithGtAffinityCountsOnlyOnLargerTypes() {
        SchedulablePod ds = agent("2").withNodeAffinity(List.of(Requirements.of(new Requirement(CPU_LABEL, Operator.GT, Set.of("4"), null))), List.of());
        assertThat(sizeFor(pod("a", "3500m"), ds)).isEqualTo("c-4x");
    }

    static Scenario daemonSetNotToleratingThePoolsTaintIsNotCounted() {
        Taint t = taint("dedicated", "x", Taint.NO_SCHEDULE);
        return scenario("daemonSetNotToleratingThePoolsTaintIsNotCounted", List.of(pod("a", "3500m").withTolerations(List.of(tolerate("dedicated", "x", Taint.NO_SCHEDULE)))), List.of(pool("default").withTaints(List.of(t)).withDaemonSets(List.of(agent("2")))), r -> {
            assertThat(cheapestType(r.newClaims().get(0))).isEqualTo("c-4x");
        });
    }

    static Scenario daemonSetToleratingThePoolsTaintIsCounted() {
        Taint t = taint("dedicated", "x", Taint.NO_SCHEDULE);
        SchedulablePod ds = agent("2").withTolerations(List.of(tolerate("", null, "")));
        return scenario("daemonSetToleratingThePoolsTaintIsCounted", List.of(pod("a", "3500m").withTolerations(List.of(tolerate("dedicated", "x", Taint.NO_SCHEDULE)))), List.of(pool("default").withTaints(List.of(t)).withDaemonSets(List.of(ds))), r -> {
            assertThat(cheapestType(r.newClaims().get(0))).isEqualTo("c-8x");
        });
    }

    @Test
    void daemonSetRequiringALabelThePoolsNodesLackIsNotCounted() {
        assertThat(sizeFor(pod("a", "3500m"), agent("2").withNodeSelector(sel("team", "red")))).isEqualTo("c-4x");
    }

    static Scenario daemonSetSelectingThePoolsLabelIsCounted() {
        return scenario("daemonSetSelectingThePoolsLabelIsCounted", List.of(pod("a", "3500m")), List.of(pool("default").withLabels(Map.of("team", "red"))
                .withDaemonSets(List.of(agent("2").withNodeSelector(sel("team", "red"))))), r -> {
            assertThat(cheapestType(r.newClaims().get(0))).isEqualTo("c-8x");
        });
    }

    static Scenario daemonSetPodsTakeAPodSlotOnEachNode() {
        PoolTemplate twoSlots = PoolTemplate.basic("default", 0, Requirements.NONE, catalog(2, ZONES)).withDaemonSets(List.of(agent("100m")));
        return scenario("daemonSetPodsTakeAPodSlotOnEachNode", List.of(pod("a", "100m"), pod("b", "100m")), List.of(twoSlots), r -> {
            assertThat(r.newClaims()).hasSize(2);
        });
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(daemonSetNotToleratingThePoolsTaintIsNotCounted(),
                daemonSetToleratingThePoolsTaintIsCounted(),
                daemonSetSelectingThePoolsLabelIsCounted(),
                daemonSetPodsTakeAPodSlotOnEachNode());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
