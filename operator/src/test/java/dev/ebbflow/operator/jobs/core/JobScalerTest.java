package dev.ebbflow.operator.jobs.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobScalerTest {

    private static int create(JobScalingSpec spec, double queue, double target, int running, int pending) {
        return JobScaler.decide(spec, List.of(TriggerSample.reading(queue, target, queue > 0)), new JobCounts(running, pending)).jobsToCreate();
    }

    // KEDA's maxReplicaCount table: queue length, max, target average value, running -> Jobs created.
    @ParameterizedTest
    @CsvSource({
        "10, 3, 1, 0, 3",
        "10, 3, 2, 0, 3",
        "10, 3, 1, 1, 2",
        "10, 100, 1, 0, 10",
        "4, 3, 5, 0, 1",
    })
    void defaultStrategyFollowsKedasMaxReplicaCountTable(double queue, int max, double target, int running, int expected) {
        assertThat(create(JobScalingSpec.defaults(0, max), queue, target, running, 0)).isEqualTo(expected);
    }

    /** KEDA's worked example for default: the queue counts messages in progress until the Job acknowledges them. */
    @Test
    void defaultStrategyCountsRunningJobsAgainstTheQueue() {
        JobScalingSpec spec = JobScalingSpec.defaults(0, 100);
        assertThat(create(spec, 3, 1, 0, 0)).isEqualTo(3);
        assertThat(create(spec, 3, 1, 3, 0)).isEqualTo(0);
        assertThat(create(spec, 6, 1, 3, 0)).isEqualTo(3);
        assertThat(create(spec, 3, 1, 3, 0)).isEqualTo(0);
    }

    @Test
    void defaultStrategyDoesNotDuplicateJobsWhosePodsArePending() {
        // Three messages, three Jobs created last poll whose pods are not scheduled yet.
        assertThat(create(JobScalingSpec.defaults(0, 100), 3, 1, 3, 3)).isZero();
    }

    @Test
    void customStrategyDeductsQueueLengthAndAShareOfRunningJobs() {
        JobScalingSpec spec = JobScalingSpec.defaults(0, 100).withCustom(1, 0.5);
        // 10 - 1 - int(4 * 0.5) = 7
        assertThat(create(spec, 10, 1, 4, 0)).isEqualTo(7);
        // 10 - 1 - int(3 * 0.5 = 1.5 -> 1) = 8
        assertThat(create(spec, 10, 1, 3, 0)).isEqualTo(8);
        // maxScale capped at 5 first: 5 - 1 - int(2 * 0.5) = 3
        assertThat(create(JobScalingSpec.defaults(0, 5).withCustom(1, 0.5), 10, 1, 2, 0)).isEqualTo(3);
        // 5 - 1 - 2 = 2 by the formula, but 4 Jobs already run of at most 5: 1
        assertThat(create(JobScalingSpec.defaults(0, 5).withCustom(1, 0.5), 10, 1, 4, 0)).isEqualTo(1);
        // never negative
        assertThat(create(JobScalingSpec.defaults(0, 100).withCustom(5, 0.5), 2, 1, 0, 0)).isZero();
    }

    @Test
    void customStrategyWithoutItsParametersIsTheDefaultStrategy() {
        JobScalingSpec custom = JobScalingSpec.defaults(0, 100).withStrategy(ScalingStrategyKind.CUSTOM);
        JobScalingSpec plain = JobScalingSpec.defaults(0, 100);
        for (int running = 0; running <= 12; running += 3) {
            assertThat(create(custom, 10, 1, running, 0)).isEqualTo(create(plain, 10, 1, running, 0));
        }
    }

    @Test
    void accurateStrategyDeductsOnlyPendingJobsBelowTheMaximum() {
        JobScalingSpec spec = JobScalingSpec.defaults(0, 10).withStrategy(ScalingStrategyKind.ACCURATE);
        // 5 + 3 <= 10: 5 - 2 pending = 3
        assertThat(create(spec, 5, 1, 3, 2)).isEqualTo(3);
        // 8 + 3 > 10: fill to the maximum, 10 - 3 = 7
        assertThat(create(spec, 8, 1, 3, 0)).isEqualTo(7);
        // the queue no longer holds what running Jobs took: 4 waiting, 6 running and started -> 4
        assertThat(create(spec, 4, 1, 6, 0)).isEqualTo(4);
        // pending Jobs are deducted before the comparison too: 9 + 3 - 3 <= 10, so 9 - 3 = 6 (not 10 - 3 = 7)
        assertThat(create(spec, 9, 1, 3, 3)).isEqualTo(6);
    }

    @Test
    void accurateStrategyDoesNotDuplicateJobsWhosePodsArePending() {
        JobScalingSpec spec = JobScalingSpec.defaults(0, 10).withStrategy(ScalingStrategyKind.ACCURATE);
        // three messages still queued, three Jobs created for them last poll, not started yet
        assertThat(create(spec, 3, 1, 3, 3)).isZero();
        // one more message arrived meanwhile: exactly one more Job
        assertThat(create(spec, 4, 1, 3, 3)).isEqualTo(1);
    }

    @Test
    void eagerStrategyFillsUpToTheMaximumMinusRunningAndPending() {
        JobScalingSpec spec = JobScalingSpec.defaults(0, 10).withStrategy(ScalingStrategyKind.EAGER);
        assertThat(create(spec, 3, 1, 0, 0)).isEqualTo(3);
        // min(10 - 3 - 0, 6) = 6: every waiting message gets a Job even though 3 run
        assertThat(create(spec, 6, 1, 3, 0)).isEqualTo(6);
        // min(10 - 4 - 1, 10) = 5
        assertThat(create(spec, 20, 1, 4, 1)).isEqualTo(5);
        // pending Jobs hold their slot twice over: min(5 - 3 - 3, 3) < 0 -> none
        assertThat(create(JobScalingSpec.defaults(0, 5).withStrategy(ScalingStrategyKind.EAGER), 3, 1, 3, 3)).isZero();
    }

    @Test
    void noJobIsCreatedForTheQueueWhileNoTriggerIsActive() {
        JobScaleDecision d = JobScaler.decide(JobScalingSpec.defaults(0, 10), List.of(TriggerSample.reading(5, 1, false)), new JobCounts(0, 0));
        assertThat(d.jobsToCreate()).isZero();
        assertThat(d.target().active()).isFalse();
    }

    /** KEDA's minReplicaCount example: 2 standing Jobs, target 1, three messages -> three more Jobs. */
    @Test
    void minReplicaCountJobsStandApartFromTheQueue() {
        JobScalingSpec spec = JobScalingSpec.defaults(2, 100);
        JobScaleDecision d = JobScaler.decide(spec, List.of(TriggerSample.reading(3, 1, true)), new JobCounts(2, 0));
        assertThat(d.forQueue()).isEqualTo(3);
        assertThat(d.toReachMinimum()).isZero();
        assertThat(d.jobsToCreate()).isEqualTo(3);
        // minReplicaCount 20 and 100 jobs asked for: 120 Jobs (as KEDA's maintainers describe it)
        assertThat(create(JobScalingSpec.defaults(20, 100), 100, 1, 20, 0)).isEqualTo(100);
    }

    @Test
    void minReplicaCountJobsAreCreatedWithoutAnyActiveTrigger() {
        JobScalingSpec spec = JobScalingSpec.defaults(2, 10);
        JobScaleDecision d = JobScaler.decide(spec, List.of(TriggerSample.reading(0, 1, false)), new JobCounts(0, 0));
        assertThat(d.jobsToCreate()).isEqualTo(2);
        assertThat(d.toReachMinimum()).isEqualTo(2);
        assertThat(JobScaler.decide(spec, List.of(TriggerSample.reading(0, 1, false)), new JobCounts(1, 1)).jobsToCreate()).isEqualTo(1);
        // with every trigger failing, the minimum is still kept
        assertThat(JobScaler.decide(spec, List.of(TriggerSample.failure(1, "down")), new JobCounts(0, 0)).jobsToCreate()).isEqualTo(2);
    }

    @Test
    void pendingQueueJobsAreNotDuplicatedBehindTheStandingPool() {
        JobScalingSpec spec = JobScalingSpec.defaults(2, 10).withStrategy(ScalingStrategyKind.ACCURATE);
        // 2 standing Jobs running + 2 Jobs for the 2 queued messages, pending
        assertThat(create(spec, 2, 1, 4, 2)).isZero();
    }

    @Test
    void queueDrivenJobsNeverPassTheMaximum() {
        // 8 unfinished (started) Jobs, max 10, queue 50: accurate fills to 10 - 8 = 2
        assertThat(create(JobScalingSpec.defaults(0, 10).withStrategy(ScalingStrategyKind.ACCURATE), 50, 1, 8, 0)).isEqualTo(2);
        // custom that ignores running Jobs: 12 unfinished > max 10 already -> nothing
        assertThat(create(JobScalingSpec.defaults(0, 10).withCustom(0, 0.0), 50, 1, 12, 0)).isZero();
    }
}
