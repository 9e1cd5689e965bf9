package dev.ebbflow.operator.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.provisioning.kube.TestPods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodActivityTest {

    private static final Instant T = Instant.parse("2026-01-01T00:05:00Z");

    @Test
    void firstLookIsTheBaselineThenArrivalsAndDeparturesAreEvents() {
        PodActivity activity = new PodActivity(Instant.EPOCH);
        Pod web = TestPods.running("web", Map.of());
        assertThat(activity.podEvent("n", List.of(web), T)).isEmpty();
        assertThat(activity.podEvent("n", List.of(web), T.plusSeconds(1))).isEmpty();
        assertThat(activity.podEvent("n", List.of(), T.plusSeconds(2))).hasValue(T.plusSeconds(2));
        assertThat(activity.podEvent("n", List.of(TestPods.daemonSet("ds")), T.plusSeconds(3))).as("DaemonSet pods do not count").isEmpty();
        assertThat(activity.podEvent("n", List.of(web), T.plusSeconds(4))).hasValue(T.plusSeconds(4));
    }

    @Test
    void startupIsReportedOncePerPodAndOnlyForPodsStartedSinceTheProcessStarted() {
        Pod fresh = TestPods.running("fresh", Map.of());
        fresh.getMetadata().setCreationTimestamp("2026-01-01T00:00:04Z");
        Pod old = TestPods.running("old", Map.of());
        old.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
        old.getStatus().getConditions().get(0).setLastTransitionTime("2025-12-31T23:00:00Z");

        PodActivity activity = new PodActivity(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(activity.newlyStarted("n", List.of(fresh, old))).containsExactly(Duration.ofSeconds(6));
        assertThat(activity.newlyStarted("n", List.of(fresh, old))).isEmpty();
    }
}
