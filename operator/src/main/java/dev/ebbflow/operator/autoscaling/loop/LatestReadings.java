package dev.ebbflow.operator.autoscaling.loop;

import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last successful reading of every trigger, for {@code useCachedMetrics}: the metrics API answers
 * from here while the reading is younger than the ScaledObject's polling interval. Failures are not
 * kept, so a source that recovers is seen at the next read.
 */
public final class LatestReadings {

    private record Key(ScaledObjectKey scaledObject, long generation, int trigger) {
    }

    private record Reading(TriggerOutcome outcome, Instant readAt) {
    }

    private final ConcurrentMap<Key, Reading> readings = new ConcurrentHashMap<>();

    public void put(ScaledObjectKey so, long generation, int trigger, TriggerOutcome outcome, Instant readAt) {
        Key key = new Key(so, generation, trigger);
        if (outcome.failed()) {
            readings.remove(key);
        } else {
            readings.put(key, new Reading(outcome, readAt));
        }
    }

    /** The reading if it is younger than {@code maxAge} at {@code now}. */
    public Optional<TriggerOutcome> fresh(ScaledObjectKey so, long generation, int trigger, Duration maxAge, Instant now) {
        Reading r = readings.get(new Key(so, generation, trigger));
        if (r == null || !r.readAt().plus(maxAge).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(r.outcome());
    }

    /** Forgets every reading of a ScaledObject (deleted, or replaced by a new generation). */
    public void remove(ScaledObjectKey so) {
        readings.keySet().removeIf(k -> k.scaledObject().equals(so));
    }

    public int size() {
        return readings.size();
    }
}
