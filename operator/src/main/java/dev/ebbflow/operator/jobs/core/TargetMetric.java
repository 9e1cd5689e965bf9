package dev.ebbflow.operator.jobs.core;

import java.util.Comparator;
import java.util.List;

/**
 * The triggers of one poll combined, as KEDA documents {@code multipleScalersCalculation}:
 * {@code max} and {@code min} take the trigger with the longest / shortest queue and the Jobs it asks
 * for ({@code ceil(queueLength / target)}); {@code avg} and {@code sum} combine the Jobs asked for by the
 * active triggers only. The result is capped at {@code maxReplicaCount} (KEDA's maxScale, or targetMetric).
 * Failed triggers take no part.
 *
 * @param maxScale Jobs the queue asks for, at most {@code maxReplicaCount}
 * @param active whether any trigger is active (above its activation threshold)
 * @param failedTriggers how many triggers could not be read
 */
public record TargetMetric(long maxScale, boolean active, int failedTriggers) {

    public static TargetMetric of(List<TriggerSample> samples, MultipleScalersCalculation calculation, int maxReplicaCount) {
        List<TriggerSample> read = samples.stream().filter(s -> !s.outcome().failed()).toList();
        List<TriggerSample> active = read.stream().filter(s -> s.outcome().active()).toList();
        long wanted = switch (calculation) {
            case MAX -> read.stream().max(BY_QUEUE_THEN_JOBS).map(TriggerSample::jobsWanted).orElse(0L);
            case MIN -> read.stream().min(BY_QUEUE_THEN_JOBS).map(TriggerSample::jobsWanted).orElse(0L);
            case SUM -> active.stream().mapToLong(TriggerSample::jobsWanted).sum();
            case AVG -> active.isEmpty() ? 0 : ceilDiv(active.stream().mapToLong(TriggerSample::jobsWanted).sum(), active.size());
        };
        return new TargetMetric(Math.min(wanted, maxReplicaCount), !active.isEmpty(), samples.size() - read.size());
    }

    private static final Comparator<TriggerSample> BY_QUEUE_THEN_JOBS = Comparator
            .comparingDouble((TriggerSample s) -> s.outcome().value())
            .thenComparingLong(TriggerSample::jobsWanted);

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
