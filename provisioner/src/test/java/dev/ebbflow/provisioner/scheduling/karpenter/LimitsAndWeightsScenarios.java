package dev.ebbflow.provisioner.scheduling.karpenter;

import static dev.ebbflow.provisioner.scheduling.karpenter.Scenario.scenario;
import static dev.ebbflow.provisioner.scheduling.karpenter.World.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.Taint;
import dev.ebbflow.provisioner.scheduling.WellKnownLabels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

/** Karpenter's NodePool limits (checked against the capacity of the instance type launched) and weights. */
class LimitsAndWeightsScenarios {

    private static final long GI = 1024L * 1024 * 1024 * 1000;

    @Test
    void cpuLimitStopsNewClaimsAtTheLimit() {
        SchedulingResult r = provision(replicas("web", 3, "2"), pool("default").withLimits(4000L, null, null));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(pending(r)).hasSize(1);
        assertThat(r.limitMessages()).isNotEmpty();
    }

    static Scenario cpuLimitIsCheckedAgainstTheInstanceCapacityNotThePodRequests() {
        return scenario("cpuLimitIsCheckedAgainstTheInstanceCapacityNotThePodRequests", List.of(pod("a", "3")), List.of(pool("default").withLimits(3000L, null, null)), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario memoryLimitStopsNewClaimsAtTheLimit() {
        return scenario("memoryLimitStopsNewClaimsAtTheLimit", replicas("web", 3, "2"), List.of(pool("default").withLimits(null, 8 * GI, null)), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(pending(r)).hasSize(1);
        });
    }

    static Scenario podsLimitIsCheckedAgainstTheInstancesPodCapacity() {
        PoolTemplate tenSlots = PoolTemplate.basic("default", 0, Requirements.NONE, catalog(10, ZONES)).withOtherLimits(Map.of("pods", 15_000L));
        return scenario("podsLimitIsCheckedAgainstTheInstancesPodCapacity", replicas("web", 12, "100m"), List.of(tenSlots), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(pending(r)).hasSize(2);
        });
    }

    static Scenario podsLimitBelowOneInstancesCapacityLaunchesNothing() {
        return scenario("podsLimitBelowOneInstancesCapacityLaunchesNothing", List.of(pod("a", "100m")), List.of(pool("default").withOtherLimits(Map.of("pods", 20_000L))), r -> {
            assertThat(pending(r)).containsExactly("a");
        });
    }

    static Scenario nodesLimitStopsNewClaims() {
        List<dev.ebbflow.provisioner.scheduling.SchedulablePod> pods = each(replicas("web", 3, "1"), p -> p.withSpread(List.of(spread(HOST, 1, "web"))));
        return scenario("nodesLimitStopsNewClaims", pods, List.of(pool("default").withLimits(null, null, 1L)), r -> {
            assertThat(r.newClaims()).hasSize(1);
            assertThat(pending(r)).hasSize(2);
        });
    }

    static Scenario exhaustedHeavierPoolFallsBackToTheNextPool() {
        return scenario("exhaustedHeavierPoolFallsBackToTheNextPool", List.of(pod("a", "1")), List.of(pool("limited").withWeight(10).withLimits(0L, null, null), pool("default")), r -> {
            assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
        });
    }

    static Scenario heavierPoolWinsEvenWhenDearer() {
        return scenario("heavierPoolWinsEvenWhenDearer", List.of(pod("a", "1")), List.of(pool("arm", Requirement.in(WellKnownLabels.ARCH, "arm64")).withWeight(10), pool("default")), r -> {
            assertThat(r.newClaims().get(0).nodePool()).isEqualTo("arm");
        });
    }

    static Scenario heavierPoolThatCannotMeetThePodIsSkipped() {
        return scenario("heavierPoolThatCannotMeetThePodIsSkipped", List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), List.of(pool("z1", Requirement.in(ZONE, Z1)).withWeight(10), pool("default")), r -> {
            assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
        });
    }

    static Scenario heavierPoolWithAnUntoleratedTaintIsSkipped() {
        return scenario("heavierPoolWithAnUntoleratedTaintIsSkipped", List.of(pod("a", "1")), List.of(pool("gpu").withWeight(10).withTaints(List.of(taint("gpu", "", Taint.NO_SCHEDULE))), pool("default")), r -> {
            assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
        });
    }

    static Scenario podsSpillOverToTheNextPoolWhenTheHeavierOneHitsItsLimit() {
        return scenario("podsSpillOverToTheNextPoolWhenTheHeavierOneHitsItsLimit", replicas("web", 3, "2"), List.of(pool("first").withWeight(10).withLimits(4000L, null, null), pool("second")), r -> {
            assertThat(pending(r)).isEmpty();
            assertThat(r.newClaims().stream().map(c -> c.nodePool()).distinct()).containsExactlyInAnyOrder("first", "second");
        });
    }

    /** The scenarios the real control plane runs too (module src/test); here the scheduling core decides. */
    static List<Scenario> shared() {
        return List.of(cpuLimitIsCheckedAgainstTheInstanceCapacityNotThePodRequests(),
                memoryLimitStopsNewClaimsAtTheLimit(),
                podsLimitIsCheckedAgainstTheInstancesPodCapacity(),
                podsLimitBelowOneInstancesCapacityLaunchesNothing(),
                nodesLimitStopsNewClaims(),
                exhaustedHeavierPoolFallsBackToTheNextPool(),
                heavierPoolWinsEvenWhenDearer(),
                heavierPoolThatCannotMeetThePodIsSkipped(),
                heavierPoolWithAnUntoleratedTaintIsSkipped(),
                podsSpillOverToTheNextPoolWhenTheHeavierOneHitsItsLimit());
    }

    @TestFactory
    Stream<DynamicTest> sharedScenarios() {
        return Scenario.pure(shared());
    }
}
