package dev.ebbflow.operator.jobs.core;

import static dev.ebbflow.operator.jobs.core.Jobs.failed;
import static dev.ebbflow.operator.jobs.core.Jobs.succeeded;
import static dev.ebbflow.operator.jobs.core.Jobs.unfinished;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCleanupTest {

    // Listed out of order on purpose: the cleanup must sort by creation time.
    private static final List<JobSnapshot> JOBS = List.of(
            succeeded("s3", 3), succeeded("s1", 1), unfinished("u0", 0), succeeded("s4", 4), succeeded("s2", 2),
            failed("f2", 2), failed("f1", 1), failed("f3", 3));

    @Test
    void deletesTheOldestFinishedJobsBeyondEachLimit() {
        assertThat(HistoryCleanup.jobsToDelete(JOBS, 2, 1)).containsExactly("s1", "s2", "f1", "f2");
    }

    @Test
    void keepsEverythingWithinTheLimits() {
        assertThat(HistoryCleanup.jobsToDelete(JOBS, 100, 100)).isEmpty();
        assertThat(HistoryCleanup.jobsToDelete(JOBS, 4, 3)).isEmpty();
    }

    @Test
    void limitZeroDeletesEveryFinishedJobButNeverAnUnfinishedOne() {
        assertThat(HistoryCleanup.jobsToDelete(JOBS, 0, 0)).containsExactly("s1", "s2", "s3", "s4", "f1", "f2", "f3").doesNotContain("u0");
    }

    @Test
    void sameCreationTimeIsOrderedByName() {
        assertThat(HistoryCleanup.jobsToDelete(List.of(succeeded("b", 1), succeeded("a", 1)), 1, 0)).containsExactly("a");
    }
}
