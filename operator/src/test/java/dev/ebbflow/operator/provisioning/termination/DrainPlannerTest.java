package dev.ebbflow.operator.provisioning.termination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.provisioning.kube.TestPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrainPlannerTest {

    private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");

    @Test
    void daemonSetMirrorFinishedAndTolerantPodsAreLeftAlone() {
        Pod ds = TestPods.daemonSet("ds");
        Pod mirror = TestPods.running("mirror", Map.of());
        mirror.getMetadata().setAnnotations(Map.of("kubernetes.io/config.mirror", "x"));
        Pod done = TestPods.running("done", Map.of());
        done.getStatus().setPhase("Succeeded");
        Pod tolerant = TestPods.running("tolerant", Map.of());
        tolerant.getSpec().setTolerations(List.of(new TolerationBuilder().withKey("karpenter.sh/disrupted").withOperator("Exists").build()));

        DrainPlanner.Plan plan = DrainPlanner.plan(List.of(ds, mirror, done, tolerant), Optional.empty(), NOW);

        assertThat(plan.drained()).isTrue();
        assertThat(plan.evict()).isEmpty();
    }

    @Test
    void nonCriticalPodsGoBeforeCriticalOnes() {
        Pod app = TestPods.running("app", Map.of());
        Pod dns = TestPods.running("dns", Map.of());
        dns.getSpec().setPriorityClassName("system-cluster-critical");

        assertThat(DrainPlanner.plan(List.of(app, dns), Optional.empty(), NOW).evict()).containsExactly(app);
        assertThat(DrainPlanner.plan(List.of(TestPods.terminating("app", Map.of()), dns), Optional.empty(), NOW).evict()).isEmpty();
        DrainPlanner.Plan last = DrainPlanner.plan(List.of(dns), Optional.empty(), NOW);
        assertThat(last.evict()).containsExactly(dns);
        assertThat(last.drained()).isFalse();
    }

    @Test
    void terminatingPodsAreWaitedFor() {
        DrainPlanner.Plan plan = DrainPlanner.plan(List.of(TestPods.terminating("a", Map.of())), Optional.empty(), NOW);
        assertThat(plan.waiting()).isEqualTo(1);
        assertThat(plan.evict()).isEmpty();
        assertThat(plan.drained()).isFalse();
    }

    @Test
    void terminationGracePeriodDeadlineDeletesPodsThatWouldOutlastIt() {
        Pod quick = TestPods.running("quick", Map.of());
        quick.getSpec().setTerminationGracePeriodSeconds(10L);
        Pod slow = TestPods.running("slow", Map.of());
        slow.getSpec().setTerminationGracePeriodSeconds(120L);

        DrainPlanner.Plan beforeDeadline = DrainPlanner.plan(List.of(quick, slow), Optional.of(NOW.plusSeconds(60)), NOW);
        assertThat(beforeDeadline.evict()).containsExactly(quick);
        assertThat(beforeDeadline.delete()).containsExactly(slow);

        DrainPlanner.Plan atDeadline = DrainPlanner.plan(List.of(quick), Optional.of(NOW), NOW);
        assertThat(atDeadline.delete()).containsExactly(quick);
        assertThat(atDeadline.evict()).isEmpty();
    }
}
