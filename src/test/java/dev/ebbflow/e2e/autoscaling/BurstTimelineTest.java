package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BurstTimelineTest {

    private static final long MS = 1_000_000;

    @Test
    void stagesAreTimedFromThePublishToTheirFirstAndLastNewObject() {
        BurstTimeline t = new BurstTimeline(2, Set.of("baseline-pod", "baseline-node"));
        t.record(BurstStage.PODS_CREATED, "baseline-pod", 100 * MS);
        t.published(1_000 * MS);
        t.record(BurstStage.DESIRED, "hpa", 4_000 * MS);
        t.record(BurstStage.PODS_CREATED, "pod-a", 4_500 * MS);
        t.record(BurstStage.PODS_CREATED, "pod-b", 5_000 * MS);
        t.record(BurstStage.PODS_CREATED, "pod-a", 9_000 * MS);
        t.record(BurstStage.NODES_READY, "baseline-node", 9_000 * MS);
        t.record(BurstStage.PODS_RUNNING, "pod-a", 50_000 * MS);
        assertThat(t.complete()).isFalse();
        t.record(BurstStage.PODS_RUNNING, "pod-b", 52_000 * MS);
        assertThat(t.complete()).isTrue();

        BurstTimeline.Result r = t.result();
        assertThat(r.firstMillis()).containsEntry(BurstStage.DESIRED, 3_000L).containsEntry(BurstStage.PODS_CREATED, 3_500L)
                .containsEntry(BurstStage.PODS_RUNNING, 49_000L).doesNotContainKey(BurstStage.NODES_READY);
        assertThat(r.lastMillis()).as("a second sighting of pod-a does not move it; the baseline pod never counts")
                .containsEntry(BurstStage.PODS_CREATED, 4_000L).containsEntry(BurstStage.PODS_RUNNING, 51_000L);
        assertThat(t.count(BurstStage.PODS_CREATED)).isEqualTo(2);
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(LatencyReport.percentile(List.of(30L, 10L, 20L), 50)).isEqualTo(20L);
        assertThat(LatencyReport.percentile(List.of(40L, 10L, 30L, 20L), 50)).isEqualTo(20L);
        assertThat(LatencyReport.percentile(List.of(40L, 10L, 30L, 20L), 100)).isEqualTo(40L);
        assertThat(LatencyReport.percentile(List.of(7L), 50)).isEqualTo(7L);
        assertThat(LatencyReport.percentile(List.of(), 50)).isNull();
    }

    @Test
    void theTableHasARowPerStageAndP50AndMaxPerSize() {
        Map<Integer, List<BurstTimeline.Result>> bySize = new LinkedHashMap<>();
        bySize.put(10, List.of(result(10, 2_000, 47_000), result(10, 3_000, 49_000), result(10, 1_000, 55_000)));
        bySize.put(100, List.of(result(100, 2_500, 60_000), new BurstTimeline.Result(100, Map.of(), Map.of())));
        String table = LatencyReport.table(bySize);
        assertThat(table).startsWith("| publish → | N = 10, p50 | max (3 bursts) | N = 100, p50 | max (2 bursts) |\n|---|---:|---:|---:|---:|\n");
        assertThat(table).contains("| desired replicas | 2.0 s | 3.0 s | 2.5 s | – |\n")
                .contains("| all pods Running | 49.0 s | 55.0 s | 60.0 s | – |\n")
                .contains("| first of NodeClaims created | – | – | – | – |\n");
        assertThat(table.lines()).hasSize(2 + 1 + 2 * (BurstStage.values().length - 1));
    }

    private static BurstTimeline.Result result(int n, long desired, long running) {
        return new BurstTimeline.Result(n, Map.of(BurstStage.DESIRED, desired, BurstStage.PODS_RUNNING, running),
                Map.of(BurstStage.DESIRED, desired, BurstStage.PODS_RUNNING, running));
    }
}
