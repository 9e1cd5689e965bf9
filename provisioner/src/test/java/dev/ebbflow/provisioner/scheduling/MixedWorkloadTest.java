package dev.ebbflow.provisioner.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.bench.SchedulingBenchmark;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The benchmark's workload, checked for correctness rather than speed: every rule holds in the result. */
class MixedWorkloadTest {

    @Test
    void everyConstraintOfTheBenchmarkShapeHolds() {
        List<SchedulablePod> pods = SchedulingBenchmark.mixedPods(500, new Random(3));
        PoolTemplate pool = PoolTemplate.basic("default", 0, Requirements.NONE, SchedulingBenchmark.instanceTypes(400));
        SchedulingResult r = Scheduler.provision(new SchedulingInput(pods, List.of(), List.of(), List.of(pool)));
        assertThat(r.unschedulable()).isEmpty();
        assertThat(r.newClaims().stream().mapToInt(c -> c.pods().size()).sum()).isEqualTo(500);
        Map<String, Integer> spreadPerZone = new HashMap<>();
        Map<String, Integer> affinityPerZone = new HashMap<>();
        for (NewClaim c : r.newClaims()) {
            Map<String, Integer> perApp = new HashMap<>();
            c.pods().forEach(p -> perApp.merge(p.labels().get("app"), 1, Integer::sum));
            assertThat(perApp.getOrDefault("host-anti", 0)).isLessThanOrEqualTo(1);
            assertThat(perApp.getOrDefault("host-spread", 0)).isLessThanOrEqualTo(1);
            String zone = c.requirements().singleValue(WellKnownLabels.ZONE);
            if (perApp.containsKey("zonal-spread")) {
                assertThat(zone).isNotNull();
                spreadPerZone.merge(zone, perApp.get("zonal-spread"), Integer::sum);
            }
            if (perApp.containsKey("zonal-affinity")) {
                assertThat(zone).isNotNull();
                affinityPerZone.merge(zone, perApp.get("zonal-affinity"), Integer::sum);
            }
            assertThat(c.cheapest().instanceType().allocatable().fits(c.requests())).isTrue();
            assertThat(c.options()).hasSizeLessThanOrEqualTo(60);
        }
        assertThat(spreadPerZone).hasSize(3);
        int max = spreadPerZone.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int min = spreadPerZone.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(affinityPerZone).hasSize(1);
    }

    @Test
    void theSimulationIsAPureFunctionOfItsInput() {
        List<SchedulablePod> pods = SchedulingBenchmark.mixedPods(200, new Random(5));
        PoolTemplate pool = PoolTemplate.basic("default", 0, Requirements.NONE, SchedulingBenchmark.instanceTypes(50));
        SchedulingInput input = new SchedulingInput(pods, List.of(), List.of(), List.of(pool));
        assertThat(Scheduler.provision(input)).isEqualTo(Scheduler.provision(input));
    }
}
