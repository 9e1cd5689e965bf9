package dev.ebbflow.operator.autoscaling.loop;

import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last successful reading of every trigger, for {@code useCachedMetrics}: the metrics API answers
 * from here while the reading is younger than the ScaledObject's polling interval. Failures are not
 * kept, so a source that recovers is seen at the next read.
 *
 * <p>Kept per ScaledObject, so that forgetting one costs its own readings, not a scan of every
 * ScaledObject's (deleting 10,000 of them was quadratic).
 */
public final class LatestReadings {

    private record Slot(long generation, int trigger) {
    }

    private record Reading(TriggerOutcome outcome, Instant readAt) {
    }

    private final ConcurrentMap<ScaledObjectKey, ConcurrentMap<Slot, Reading>> readings = new ConcurrentHashMap<>();

    public void put(ScaledObjectKey so, long generation, int trigger, TriggerOutcome outcome, Instant readAt) {
        Slot slot = new Slot(generation, trigger);
        if (outcome.failed()) {
            Map<Slot, Reading> ofObject = readings.get(so);
            if (ofObject != null) {
                ofObject.remove(slot);
            }
        } else {
            readings.computeIfAbsent(so, k -> new ConcurrentHashMap<>()).put(slot, new Reading(outcome, readAt));
        }
    }

    /** The reading if it is younger than {@code maxAge} at {@code now}. */
    public Optional<TriggerOutcome> fresh(ScaledObjectKey so, long generation, int trigger, Duration maxAge, Instant now) {
        Map<Slot, Reading> ofObject = readings.get(so);
        Reading r = ofObject == null ? null : ofObject.get(new Slot(generation, trigger));
        if (r == null || !r.readAt().plus(maxAge).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(r.outcome());
    }

    /** Forgets every reading of a ScaledObject (deleted, or replaced by a new generation). */
    public void remove(ScaledObjectKey so) {
        readings.remove(so);
    }

    /** How many readings are kept, over all ScaledObjects. */
    public int size() {
        return readings.values().stream().mapToInt(Map::size).sum();
    }
}
