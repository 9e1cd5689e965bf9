package dev.ebbflow.operator.jobs.core;

import java.util.List;

/**
 * How many Jobs a ScaledJob creates on one poll.
 *
 * <p>Jobs for the queue are only created while a trigger is active; their number is the strategy's
 * ({@link JobStrategies}) applied to the target metric ({@link TargetMetric}), never below 0 and never
 * taking the queue-driven Jobs past {@code maxReplicaCount}.
 *
 * <p>{@code minReplicaCount} Jobs are kept on top of those, as KEDA documents and does: the first
 * {@code minReplicaCount} unfinished Jobs are the standing pool and are not counted against the queue
 * (minReplicaCount 2, target 1, two idle Jobs, three messages: three more Jobs), and missing pool Jobs
 * are created whatever the triggers say. Pending Jobs are counted among the queue-driven ones first,
 * since the pool is normally the oldest.
 */
public final class JobScaler {

    private JobScaler() {
    }

    public static JobScaleDecision decide(JobScalingSpec spec, List<TriggerSample> samples, JobCounts counts) {
        TargetMetric target = TargetMetric.of(samples, spec.multipleScalersCalculation(), spec.maxReplicaCount());
        int min = Math.min(spec.minReplicaCount(), spec.maxReplicaCount());
        int forQueueRunning = Math.max(0, counts.running() - min);
        int forQueuePending = Math.min(counts.pending(), forQueueRunning);
        long forQueue = 0;
        if (target.active()) {
            long wanted = JobStrategies.newJobs(spec, target.maxScale(), forQueueRunning, forQueuePending);
            forQueue = Math.max(0, Math.min(wanted, (long) spec.maxReplicaCount() - forQueueRunning));
        }
        int toReachMinimum = Math.max(0, min - counts.running());
        return new JobScaleDecision((int) forQueue + toReachMinimum, (int) forQueue, toReachMinimum, target, counts);
    }
}
