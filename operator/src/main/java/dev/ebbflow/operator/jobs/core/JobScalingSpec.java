package dev.ebbflow.operator.jobs.core;

import java.util.List;
import java.util.Objects;

/**
 * A ScaledJob's spec once validated, with KEDA's defaults applied: what the scale loop, the history
 * cleanup and the rollout read. Built by {@link ScaledJobValidator}.
 *
 * @param customQueueLengthDeduction {@code customScalingQueueLengthDeduction}, 0 when absent
 * @param customRunningJobPercentage {@code customScalingRunningJobPercentage}, 1 when absent (so that
 *     {@code custom} with neither field is exactly {@code default}, as KEDA documents)
 * @param pendingPodConditions pod conditions that must all be True for a Job to stop counting as
 *     pending; empty means "pending until a pod runs or completes"
 */
public record JobScalingSpec(
        int pollingIntervalSeconds,
        int minReplicaCount,
        int maxReplicaCount,
        int successfulJobsHistoryLimit,
        int failedJobsHistoryLimit,
        ScalingStrategyKind strategy,
        int customQueueLengthDeduction,
        double customRunningJobPercentage,
        List<String> pendingPodConditions,
        MultipleScalersCalculation multipleScalersCalculation,
        RolloutStrategy rollout) {

    public static final int DEFAULT_POLLING_INTERVAL_SECONDS = 30;
    public static final int DEFAULT_MIN_REPLICA_COUNT = 0;
    public static final int DEFAULT_MAX_REPLICA_COUNT = 100;
    public static final int DEFAULT_HISTORY_LIMIT = 100;

    public JobScalingSpec {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(multipleScalersCalculation, "multipleScalersCalculation");
        Objects.requireNonNull(rollout, "rollout");
        pendingPodConditions = pendingPodConditions == null ? List.of() : List.copyOf(pendingPodConditions);
    }

    /** KEDA's defaults with the given replica bounds; handy for tests and the simulator. */
    public static JobScalingSpec defaults(int min, int max) {
        return new JobScalingSpec(DEFAULT_POLLING_INTERVAL_SECONDS, min, max, DEFAULT_HISTORY_LIMIT, DEFAULT_HISTORY_LIMIT,
                ScalingStrategyKind.DEFAULT, 0, 1.0, List.of(), MultipleScalersCalculation.MAX, RolloutStrategy.DEFAULT);
    }

    public JobScalingSpec withStrategy(ScalingStrategyKind s) {
        return new JobScalingSpec(pollingIntervalSeconds, minReplicaCount, maxReplicaCount, successfulJobsHistoryLimit,
                failedJobsHistoryLimit, s, customQueueLengthDeduction, customRunningJobPercentage, pendingPodConditions,
                multipleScalersCalculation, rollout);
    }

    public JobScalingSpec withCustom(int deduction, double percentage) {
        return new JobScalingSpec(pollingIntervalSeconds, minReplicaCount, maxReplicaCount, successfulJobsHistoryLimit,
                failedJobsHistoryLimit, ScalingStrategyKind.CUSTOM, deduction, percentage, pendingPodConditions,
                multipleScalersCalculation, rollout);
    }

    public JobScalingSpec withCalculation(MultipleScalersCalculation c) {
        return new JobScalingSpec(pollingIntervalSeconds, minReplicaCount, maxReplicaCount, successfulJobsHistoryLimit,
                failedJobsHistoryLimit, strategy, customQueueLengthDeduction, customRunningJobPercentage, pendingPodConditions,
                c, rollout);
    }

    public JobScalingSpec withPendingPodConditions(List<String> conditions) {
        return new JobScalingSpec(pollingIntervalSeconds, minReplicaCount, maxReplicaCount, successfulJobsHistoryLimit,
                failedJobsHistoryLimit, strategy, customQueueLengthDeduction, customRunningJobPercentage, conditions,
                multipleScalersCalculation, rollout);
    }

    public JobScalingSpec withHistoryLimits(int successful, int failed) {
        return new JobScalingSpec(pollingIntervalSeconds, minReplicaCount, maxReplicaCount, successful, failed, strategy,
                customQueueLengthDeduction, customRunningJobPercentage, pendingPodConditions, multipleScalersCalculation, rollout);
    }

    public JobScalingSpec withRollout(RolloutStrategy r) {
        return new JobScalingSpec(pollingIntervalSeconds, minReplicaCount, maxReplicaCount, successfulJobsHistoryLimit,
                failedJobsHistoryLimit, strategy, customQueueLengthDeduction, customRunningJobPercentage, pendingPodConditions,
                multipleScalersCalculation, r);
    }
}
