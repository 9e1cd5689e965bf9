package dev.ebbflow.operator.jobs.core;

import static dev.ebbflow.operator.jobs.core.Jobs.failed;
import static dev.ebbflow.operator.jobs.core.Jobs.pod;
import static dev.ebbflow.operator.jobs.core.Jobs.succeeded;
import static dev.ebbflow.operator.jobs.core.Jobs.unfinished;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobCountsTest {

    @Test
    void finishedJobsAreNeitherRunningNorPending() {
        assertThat(JobCounts.of(List.of(succeeded("a", 0), failed("b", 1)), List.of())).isEqualTo(new JobCounts(0, 0));
    }

    @Test
    void withoutPendingPodConditionsAJobIsPendingUntilAPodRunsOrCompletes() {
        List<JobSnapshot> jobs = List.of(
                unfinished("no-pod-yet", 0),
                unfinished("pod-pending", 1, PodSnapshot.inPhase("Pending")),
                unfinished("pod-running", 2, PodSnapshot.inPhase("Running")),
                unfinished("pod-succeeded", 3, PodSnapshot.inPhase("Succeeded")),
                unfinished("retrying", 4, PodSnapshot.inPhase("Failed"), PodSnapshot.inPhase("Running")));
        assertThat(JobCounts.of(jobs, List.of())).isEqualTo(new JobCounts(5, 2));
    }

    @Test
    void withPendingPodConditionsAJobIsPendingUntilAPodHasAllOfThemTrue() {
        List<String> conditions = List.of("Ready", "PodScheduled");
        List<JobSnapshot> jobs = List.of(
                unfinished("running-not-ready", 0, pod("Running", Map.of("PodScheduled", "True", "Ready", "False"))),
                unfinished("scheduled-only", 1, pod("Pending", Map.of("PodScheduled", "True"))),
                unfinished("ready", 2, pod("Running", Map.of("PodScheduled", "True", "Ready", "True"))),
                unfinished("no-pod", 3));
        assertThat(JobCounts.of(jobs, conditions)).isEqualTo(new JobCounts(4, 3));
    }

    @Test
    void pendingCannotExceedRunning() {
        assertThatThrownBy(() -> new JobCounts(1, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
