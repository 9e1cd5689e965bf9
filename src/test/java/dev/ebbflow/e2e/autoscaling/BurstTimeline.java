package dev.ebbflow.e2e.autoscaling;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each object of one burst first reached each stage, as the watches saw it, in nanoseconds of
 * {@link System#nanoTime()}. Objects that existed before the burst (the baseline pod, node and claim)
 * are never counted, and an object counts once per stage: its first sighting.
 */
final class BurstTimeline {

    private final int replicas;
    private final Set<String> before;
    private final Map<BurstStage, Map<String, Long>> seen = new EnumMap<>(BurstStage.class);
    private volatile long published;

    /**
     * @param replicas how many new pods the burst asks for
     * @param before names of the pods, NodeClaims and Nodes there before the burst
     */
    BurstTimeline(int replicas, Set<String> before) {
        this.replicas = replicas;
        this.before = Set.copyOf(before);
        for (BurstStage stage : BurstStage.values()) {
            seen.put(stage, new ConcurrentHashMap<>());
        }
    }

    /** The burst is published (every message confirmed by the broker): stages are timed from here. */
    void published(long nanos) {
        published = nanos;
    }

    void record(BurstStage stage, String name, long nanos) {
        if (!before.contains(name)) {
            seen.get(stage).putIfAbsent(name, nanos);
        }
    }

    int count(BurstStage stage) {
        return seen.get(stage).size();
    }

    int replicas() {
        return replicas;
    }

    /** Every new pod is Running. */
    boolean complete() {
        return count(BurstStage.PODS_RUNNING) >= replicas;
    }

    /** Milliseconds from the publish to each stage's first and last object. */
    Result result() {
        Map<BurstStage, Long> first = new EnumMap<>(BurstStage.class);
        Map<BurstStage, Long> last = new EnumMap<>(BurstStage.class);
        for (BurstStage stage : BurstStage.values()) {
            Collection<Long> times = seen.get(stage).values();
            min(times).ifPresent(t -> first.put(stage, millis(t)));
            max(times).ifPresent(t -> last.put(stage, millis(t)));
        }
        return new Result(replicas, first, last);
    }

    private long millis(long nanos) {
        return Math.round((nanos - published) / 1e6);
    }

    private static OptionalLong min(Collection<Long> times) {
        return times.stream().mapToLong(Long::longValue).min();
    }

    private static OptionalLong max(Collection<Long> times) {
        return times.stream().mapToLong(Long::longValue).max();
    }

    /** One burst's figures: per stage, milliseconds from the publish to its first and to its last object (absent: never reached). */
    record Result(int replicas, Map<BurstStage, Long> firstMillis, Map<BurstStage, Long> lastMillis) {
    }
}
