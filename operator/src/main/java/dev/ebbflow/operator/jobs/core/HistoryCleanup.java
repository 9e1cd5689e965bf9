package dev.ebbflow.operator.jobs.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which finished Jobs to delete so that at most {@code successfulJobsHistoryLimit} succeeded and
 * {@code failedJobsHistoryLimit} failed Jobs remain: the oldest go first (creation time, then name,
 * so the choice is stable). Unfinished Jobs are never touched.
 */
public final class HistoryCleanup {

    private static final Comparator<JobSnapshot> OLDEST_FIRST =
            Comparator.comparing(JobSnapshot::createdAt).thenComparing(JobSnapshot::name);

    private HistoryCleanup() {
    }

    /** Names of the Jobs to delete, oldest first. */
    public static List<String> jobsToDelete(List<JobSnapshot> jobs, int successfulJobsHistoryLimit, int failedJobsHistoryLimit) {
        List<String> delete = new ArrayList<>();
        delete.addAll(overLimit(jobs, JobSnapshot.State.SUCCEEDED, successfulJobsHistoryLimit));
        delete.addAll(overLimit(jobs, JobSnapshot.State.FAILED, failedJobsHistoryLimit));
        return delete;
    }

    private static List<String> overLimit(List<JobSnapshot> jobs, JobSnapshot.State state, int limit) {
        List<JobSnapshot> finished = jobs.stream().filter(j -> j.state() == state).sorted(OLDEST_FIRST).toList();
        int excess = finished.size() - Math.max(0, limit);
        return excess <= 0 ? List.of() : finished.subList(0, excess).stream().map(JobSnapshot::name).toList();
    }
}
