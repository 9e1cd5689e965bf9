package dev.ebbflow.operator.jobs.core;

import java.util.List;

/**
 * The Jobs of a ScaledJob that have not finished ({@code running}, KEDA's runningJobCount) and those
 * of them whose pods have not started ({@code pending}, KEDA's pendingJobCount; always at most running).
 */
public record JobCounts(int running, int pending) {

    public JobCounts {
        if (running < 0 || pending < 0 || pending > running) {
            throw new IllegalArgumentException("need 0 <= pending <= running, got running=" + running + ", pending=" + pending);
        }
    }

    public static JobCounts of(List<JobSnapshot> jobs, List<String> pendingPodConditions) {
        int running = 0;
        int pending = 0;
        for (JobSnapshot job : jobs) {
            if (!job.state().finished()) {
                running++;
                if (job.pending(pendingPodConditions)) {
                    pending++;
                }
            }
        }
        return new JobCounts(running, pending);
    }
}
