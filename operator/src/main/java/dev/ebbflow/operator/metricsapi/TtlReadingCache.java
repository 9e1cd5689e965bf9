package dev.ebbflow.operator.metricsapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Last successful readings, each valid for a time-to-live on an injected clock. Backs
 * {@code useCachedMetrics}: the polling loop stores what it read, the metrics API answers from here
 * while the reading is fresh. Failures are never stored, so a recovered source is seen at once.
 */
public final class TtlReadingCache<K, V> {
    private record Reading<V>(V value, Instant readAt) {
    }

    private final ConcurrentMap<K, Reading<V>> readings = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public TtlReadingCache(Clock clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.clock = clock;
        this.ttl = ttl;
    }

    public void put(K key, V value) {
        readings.put(key, new Reading<>(value, clock.instant()));
    }

    /** The reading for {@code key} if one was stored less than the TTL ago; expired ones are dropped. */
    public Optional<V> getFresh(K key) {
        Reading<V> reading = readings.get(key);
        if (reading == null) {
            return Optional.empty();
        }
        if (isExpired(reading, clock.instant())) {
            readings.remove(key, reading);
            return Optional.empty();
        }
        return Optional.of(reading.value());
    }

    /** The fresh reading, or a new one from {@code reader} that is then stored; a failing read stores nothing. */
    public <E extends Exception> V getOrRead(K key, CoalescingReader.Loader<K, V, E> reader) throws E {
        Optional<V> fresh = getFresh(key);
        if (fresh.isPresent()) {
            return fresh.get();
        }
        V value = reader.load(key);
        put(key, value);
        return value;
    }

    public void invalidate(K key) {
        readings.remove(key);
    }

    /** Drops every expired reading, so keys that stop being asked for (deleted ScaledObjects) do not pile up. */
    public int evictExpired() {
        Instant now = clock.instant();
        int before = readings.size();
        readings.entrySet().removeIf(e -> isExpired(e.getValue(), now));
        return before - readings.size();
    }

    public int size() {
        return readings.size();
    }

    private boolean isExpired(Reading<V> reading, Instant now) {
        return !now.isBefore(reading.readAt().plus(ttl));
    }
}
