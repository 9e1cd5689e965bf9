package dev.ebbflow.operator.jobs.core;

/**
 * KEDA's documented scaling strategies: how many new Jobs the queue asks for, given the target metric
 * ({@code maxScale}), the unfinished Jobs ({@code running}) and those not started yet ({@code pending}).
 * The result may be negative; {@link JobScaler} clamps it.
 */
final class JobStrategies {

    private JobStrategies() {
    }

    static long newJobs(JobScalingSpec spec, long maxScale, long running, long pending) {
        long max = spec.maxReplicaCount();
        return switch (spec.strategy()) {
            // default is custom with no deduction and all running Jobs counted, as KEDA documents
            // ("if you don't configure it, the strategy will be default").
            case DEFAULT, CUSTOM -> Math.min(max,
                    maxScale - spec.customQueueLengthDeduction() - (long) (running * spec.customRunningJobPercentage()));
            // The queue no longer holds what running Jobs took; only Jobs that have not started yet may
            // still be about to take a message, so only they are deducted, also before comparing with the maximum.
            case ACCURATE -> maxScale + running - pending > max ? max - running : maxScale - pending;
            // KEDA's formula deducts pending Jobs on top of running ones (which already include them):
            // the cautious reading, which keeps slow-starting Jobs from being duplicated.
            case EAGER -> Math.min(max - running - pending, maxScale);
        };
    }
}
