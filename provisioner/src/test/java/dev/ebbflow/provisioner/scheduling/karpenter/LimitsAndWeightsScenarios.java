package dev.ebbflow.provisioner.scheduling.karpenter;

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

    @Test
    void cpuLimitIsCheckedAgainstTheInstanceCapacityNotThePodRequests() {
        SchedulingResult r = provision(List.of(pod("a", "3")), pool("default").withLimits(3000L, null, null));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void memoryLimitStopsNewClaimsAtTheLimit() {
        SchedulingResult r = provision(replicas("web", 3, "2"), pool("default").withLimits(null, 8 * GI, null));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(pending(r)).hasSize(1);
    }

    @Test
    void podsLimitIsCheckedAgainstTheInstancesPodCapacity() {
        PoolTemplate tenSlots = PoolTemplate.basic("default", 0, Requirements.NONE, catalog(10, ZONES)).withOtherLimits(Map.of("pods", 15_000L));
        SchedulingResult r = provision(replicas("web", 12, "100m"), tenSlots);
        assertThat(r.newClaims()).hasSize(1);
        assertThat(pending(r)).hasSize(2);
    }

    @Test
    void podsLimitBelowOneInstancesCapacityLaunchesNothing() {
        SchedulingResult r = provision(List.of(pod("a", "100m")), pool("default").withOtherLimits(Map.of("pods", 20_000L)));
        assertThat(pending(r)).containsExactly("a");
    }

    @Test
    void nodesLimitStopsNewClaims() {
        List<dev.ebbflow.provisioner.scheduling.SchedulablePod> pods = each(replicas("web", 3, "1"), p -> p.withSpread(List.of(spread(HOST, 1, "web"))));
        SchedulingResult r = provision(pods, pool("default").withLimits(null, null, 1L));
        assertThat(r.newClaims()).hasSize(1);
        assertThat(pending(r)).hasSize(2);
    }

    @Test
    void exhaustedHeavierPoolFallsBackToTheNextPool() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("limited").withWeight(10).withLimits(0L, null, null), pool("default"));
        assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
    }

    @Test
    void heavierPoolWinsEvenWhenDearer() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("arm", Requirement.in(WellKnownLabels.ARCH, "arm64")).withWeight(10), pool("default"));
        assertThat(r.newClaims().get(0).nodePool()).isEqualTo("arm");
    }

    @Test
    void heavierPoolThatCannotMeetThePodIsSkipped() {
        SchedulingResult r = provision(List.of(pod("a", "1").withNodeSelector(sel(ZONE, Z2))), pool("z1", Requirement.in(ZONE, Z1)).withWeight(10), pool("default"));
        assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
    }

    @Test
    void heavierPoolWithAnUntoleratedTaintIsSkipped() {
        SchedulingResult r = provision(List.of(pod("a", "1")), pool("gpu").withWeight(10).withTaints(List.of(taint("gpu", "", Taint.NO_SCHEDULE))), pool("default"));
        assertThat(r.newClaims().get(0).nodePool()).isEqualTo("default");
    }

    @Test
    void podsSpillOverToTheNextPoolWhenTheHeavierOneHitsItsLimit() {
        SchedulingResult r = provision(replicas("web", 3, "2"), pool("first").withWeight(10).withLimits(4000L, null, null), pool("second"));
        assertThat(pending(r)).isEmpty();
        assertThat(r.newClaims().stream().map(c -> c.nodePool()).distinct()).containsExactlyInAnyOrder("first", "second");
    }
}
