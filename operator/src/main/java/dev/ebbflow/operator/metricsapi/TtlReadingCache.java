package dev.ebbflow.operator.metricsapi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Readings (metric values, access decisions), each valid for a time-to-live on an injected clock:
 * the default one, or one chosen per entry (an allowed and a denied access review live for different
 * times). Failures are never stored, so a recovered source is seen at once.
 */
public final class TtlReadingCache<K, V> {
    private record Reading<V>(V value, Instant halfLife, Instant expiresAt) {
    }

    /** A reading still within its time to live, and whether it has lived half of it (time to read it again). */
    public record Fresh<V>(V value, boolean pastHalfLife) {
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
        put(key, value, ttl);
    }

    /** Stores {@code value} for {@code entryTtl}; zero or negative stores nothing (a result not to be cached). */
    public void put(K key, V value, Duration entryTtl) {
        if (entryTtl.isNegative() || entryTtl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        readings.put(key, new Reading<>(value, now.plus(entryTtl.dividedBy(2)), now.plus(entryTtl)));
    }

    /** The reading for {@code key} if one was stored less than the TTL ago; expired ones are dropped. */
    public Optional<V> getFresh(K key) {
        return getFreshAging(key).map(Fresh::value);
    }

    /** Like {@link #getFresh}, telling also whether the reading is past half its time to live. */
    public Optional<Fresh<V>> getFreshAging(K key) {
        Reading<V> reading = readings.get(key);
        if (reading == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (isExpired(reading, now)) {
            readings.remove(key, reading);
            return Optional.empty();
        }
        return Optional.of(new Fresh<>(reading.value(), !now.isBefore(reading.halfLife())));
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

    public void clear() {
        readings.clear();
    }

    public int size() {
        return readings.size();
    }

    private boolean isExpired(Reading<V> reading, Instant now) {
        return !now.isBefore(reading.expiresAt());
    }
}
