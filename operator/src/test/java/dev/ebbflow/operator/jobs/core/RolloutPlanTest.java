package dev.ebbflow.operator.jobs.core;

import static dev.ebbflow.operator.jobs.core.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    private static final List<JobSnapshot> JOBS = List.of(
            job("old-running", 0, JobSnapshot.State.UNFINISHED, 1L),
            job("old-done", 1, JobSnapshot.State.SUCCEEDED, 1L),
            job("new-running", 2, JobSnapshot.State.UNFINISHED, 2L),
            job("unknown-origin", 3, JobSnapshot.State.UNFINISHED, null));

    @Test
    void defaultRolloutDeletesUnfinishedJobsOfOlderGenerationsWithTheChosenPolicy() {
        RolloutPlan plan = RolloutPlan.of(new RolloutStrategy(RolloutStrategy.Kind.DEFAULT, RolloutStrategy.PropagationPolicy.FOREGROUND), 2, JOBS);
        assertThat(plan.jobsToDelete()).containsExactly("old-running");
        assertThat(plan.propagationPolicy()).isEqualTo(RolloutStrategy.PropagationPolicy.FOREGROUND);
        assertThat(RolloutPlan.of(RolloutStrategy.DEFAULT, 2, JOBS).propagationPolicy()).isEqualTo(RolloutStrategy.PropagationPolicy.BACKGROUND);
    }

    @Test
    void nothingIsDeletedWhileTheGenerationIsUnchanged() {
        assertThat(RolloutPlan.of(RolloutStrategy.DEFAULT, 1, JOBS.subList(0, 2)).jobsToDelete()).isEmpty();
    }

    @Test
    void gradualRolloutLetsJobsRunToCompletion() {
        RolloutPlan plan = RolloutPlan.of(new RolloutStrategy(RolloutStrategy.Kind.GRADUAL, RolloutStrategy.PropagationPolicy.BACKGROUND), 5, JOBS);
        assertThat(plan.jobsToDelete()).isEmpty();
    }
}
