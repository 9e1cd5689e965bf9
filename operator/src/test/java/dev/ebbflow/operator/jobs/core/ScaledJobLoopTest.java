package dev.ebbflow.operator.jobs.core;

import static dev.ebbflow.operator.jobs.core.Jobs.job;
import static dev.ebbflow.operator.jobs.core.Jobs.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.core.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaledJobLoopTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final JobScalingSpec SPEC = JobScalingSpec.defaults(0, 10).withHistoryLimits(1, 1);

    @Test
    void activeTriggerCreatesJobsAndRenewsLastActiveTime() {
        JobPollPlan plan = ScaledJobLoop.poll(SPEC, false, 1, List.of(TriggerSample.reading(4, 1, true)), List.of(), EARLIER, NOW);
        assertThat(plan.jobsToCreate()).isEqualTo(4);
        assertThat(plan.lastActiveTime()).isEqualTo(NOW);
        assertThat(plan.conditions()).containsExactly(ScaledJobConditions.ready(), ScaledJobConditions.active(), ScaledJobConditions.unpaused());
    }

    @Test
    void inactiveTriggerKeepsLastActiveTime() {
        JobPollPlan plan = ScaledJobLoop.poll(SPEC, false, 1, List.of(TriggerSample.reading(0, 1, false)), List.of(), EARLIER, NOW);
        assertThat(plan.jobsToCreate()).isZero();
        assertThat(plan.lastActiveTime()).isEqualTo(EARLIER);
        assertThat(plan.conditions()).contains(ScaledJobConditions.notActive());
    }

    @Test
    void historyBeyondTheLimitsIsDeleted() {
        List<JobSnapshot> jobs = List.of(succeeded("a", 0), succeeded("b", 1), Jobs.failed("c", 2));
        JobPollPlan plan = ScaledJobLoop.poll(SPEC, false, 1, List.of(TriggerSample.reading(0, 1, false)), jobs, null, NOW);
        assertThat(plan.historyToDelete()).containsExactly("a");
    }

    @Test
    void pausedCreatesNothingCleansNothingAndSaysSo() {
        List<JobSnapshot> jobs = List.of(succeeded("a", 0), succeeded("b", 1));
        JobPollPlan plan = ScaledJobLoop.poll(JobScalingSpec.defaults(2, 10).withHistoryLimits(1, 1), true, 1, List.of(), jobs, EARLIER, NOW);
        assertThat(plan.jobsToCreate()).isZero();
        assertThat(plan.historyToDelete()).isEmpty();
        assertThat(plan.scale()).isNull();
        assertThat(plan.lastActiveTime()).isEqualTo(EARLIER);
        assertThat(plan.conditions()).contains(ScaledJobConditions.paused());
    }

    @Test
    void rolloutStillAppliesWhilePaused() {
        List<JobSnapshot> jobs = List.of(job("old", 0, JobSnapshot.State.UNFINISHED, 1L));
        assertThat(ScaledJobLoop.poll(SPEC, true, 2, List.of(), jobs, null, NOW).rollout().jobsToDelete()).containsExactly("old");
    }

    @Test
    void jobsDeletedByTheRolloutAreRecreatedFromTheNewSpec() {
        List<JobSnapshot> outdated = List.of(
                job("old-1", 0, JobSnapshot.State.UNFINISHED, 1L, PodSnapshot.inPhase("Running")),
                job("old-2", 1, JobSnapshot.State.UNFINISHED, 1L, PodSnapshot.inPhase("Running")));
        JobPollPlan plan = ScaledJobLoop.poll(SPEC, false, 2, List.of(TriggerSample.reading(2, 1, true)), outdated, null, NOW);
        assertThat(plan.rollout().jobsToDelete()).containsExactly("old-1", "old-2");
        assertThat(plan.jobsToCreate()).isEqualTo(2);
        JobScalingSpec gradual = SPEC.withRollout(new RolloutStrategy(RolloutStrategy.Kind.GRADUAL, RolloutStrategy.PropagationPolicy.BACKGROUND));
        assertThat(ScaledJobLoop.poll(gradual, false, 2, List.of(TriggerSample.reading(2, 1, true)), outdated, null, NOW).jobsToCreate()).isZero();
    }

    @Test
    void everyTriggerFailingMakesReadyFalseNamingEachTrigger() {
        JobPollPlan plan = ScaledJobLoop.poll(JobScalingSpec.defaults(1, 10), false, 1,
                List.of(TriggerSample.failure(1, "connection refused"), TriggerSample.failure(1, "queue 'builds' not found")), List.of(), null, NOW);
        Condition ready = plan.conditions().get(0);
        assertThat(ready.status()).isEqualTo(Condition.Status.FALSE);
        assertThat(ready.reason()).isEqualTo("TriggerError");
        assertThat(ready.message()).contains("spec.triggers[0]: connection refused", "spec.triggers[1]: queue 'builds' not found");
        assertThat(plan.jobsToCreate()).as("the minimum is kept without triggers").isEqualTo(1);
    }

    @Test
    void oneTriggerAnsweringKeepsReady() {
        JobPollPlan plan = ScaledJobLoop.poll(SPEC, false, 1,
                List.of(TriggerSample.failure(1, "connection refused"), TriggerSample.reading(3, 1, true)), List.of(), null, NOW);
        assertThat(plan.conditions().get(0)).isEqualTo(ScaledJobConditions.ready());
        assertThat(plan.jobsToCreate()).isEqualTo(3);
    }
}
