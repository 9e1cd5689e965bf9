package dev.ebbflow.provisioner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's workload, checked for correctness rather than speed. */
class KarpenterWorkloadTest {

    private static final PoolTemplate POOL = PoolTemplate.basic("default", 0, Requirements.NONE, KarpenterWorkload.instanceTypes(400));

    @Test
    void everyPodOfTheMixIsPlacedAndEveryRuleHolds() {
        List<Pod> pods = new KarpenterWorkload(3).diversePods(600);
        SchedulingResult r = SchedulingBenchmark.provision(pods, POOL);
        assertThat(PlacementChecker.check(pods, r, List.of(), SchedulingBenchmark.ZONES)).isEmpty();
        assertThat(r.newClaims().stream().mapToInt(c -> c.pods().size()).sum()).isEqualTo(600);
    }

    @Test
    void theMixHasSixKindsWithSelectorsDrawnApartFromLabels() {
        List<Pod> pods = new KarpenterWorkload(3).diversePods(605);
        assertThat(pods).hasSize(605);
        long generic = pods.stream().filter(p -> p.getMetadata().getName().startsWith("generic-")).count();
        assertThat(generic).isEqualTo(100 + 100 + 5);
        long selfSelecting = pods.stream().filter(p -> p.getMetadata().getName().startsWith("spread-"))
                .filter(p -> p.getSpec().getTopologySpreadConstraints().get(0).getLabelSelector().getMatchLabels()
                        .equals(p.getMetadata().getLabels())).count();
        assertThat(selfSelecting).isBetween(10L, 60L);
    }

    @Test
    void theSimulationIsAPureFunctionOfItsInput() {
        List<Pod> pods = new KarpenterWorkload(5).diversePods(200);
        assertThat(SchedulingBenchmark.provision(pods, POOL)).isEqualTo(SchedulingBenchmark.provision(pods, POOL));
    }

    @Test
    void theHostnameAntiAffinityPodsAllRepelEachOtherSoEachNeedsANodeOfItsOwn() {
        // Karpenter's mix labels every anti-affinity pod app=nginx and has it select app=nginx: one
        // group, which is what the cost report's bound of one node per such pod rests on.
        List<Pod> pods = new KarpenterWorkload(3).diversePods(605);
        assertThat(CostAgainstBound.largestMutuallyRepellingGroup(pods)).isEqualTo(100);
        // Relabelled, they repel only pods they no longer are: nothing forces them apart.
        List<Pod> relabelled = pods.stream().map(p -> new PodBuilder(p).editMetadata().withLabels(Map.of("app", "other")).endMetadata().build()).toList();
        assertThat(CostAgainstBound.largestMutuallyRepellingGroup(relabelled)).isZero();
    }
}
