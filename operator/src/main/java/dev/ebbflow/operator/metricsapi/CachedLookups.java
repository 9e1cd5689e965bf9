package dev.ebbflow.operator.metricsapi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * A fresh cached answer at once (on the caller's thread), else one shared blocking lookup on the
 * executor whose answer is then cached for as long as {@code ttlOf} says; failures are not cached.
 * What the delegated authorizer and the token authenticator use, so that a cached caller costs no thread
 * hop and no API call. With {@code refreshAhead}, an answer past half its time to live is still served at
 * once while it is looked up again in the background: a key that keeps being asked for never makes a
 * caller wait, and never more than its time to live after the answer was given.
 */
final class CachedLookups<K, V> {
    private static final int MAX_ENTRIES = 10_000;

    private final TtlReadingCache<K, V> cache;
    private final SharedLookups<K, V> lookups;
    private final Function<V, Duration> ttlOf;
    private final boolean refreshAhead;

    CachedLookups(Clock clock, Executor executor, Duration longestTtl, Function<V, Duration> ttlOf) {
        this(clock, executor, longestTtl, ttlOf, false);
    }

    CachedLookups(Clock clock, Executor executor, Duration longestTtl, Function<V, Duration> ttlOf, boolean refreshAhead) {
        this.cache = new TtlReadingCache<>(clock, longestTtl);
        this.lookups = new SharedLookups<>(executor);
        this.ttlOf = ttlOf;
        this.refreshAhead = refreshAhead;
    }

    CompletableFuture<V> get(K key, SharedLookups.Lookup<K, V> lookup) {
        Optional<TtlReadingCache.Fresh<V>> fresh = cache.getFreshAging(key);
        if (fresh.isPresent()) {
            if (refreshAhead && fresh.get().pastHalfLife()) {
                // Shared with any lookup of this key already running; its failure is nobody's: the answer still holds.
                lookUp(key, lookup);
            }
            return CompletableFuture.completedFuture(fresh.get().value());
        }
        return lookUp(key, lookup);
    }

    private CompletableFuture<V> lookUp(K key, SharedLookups.Lookup<K, V> lookup) {
        return lookups.get(key, k -> {
            V value = lookup.load(k);
            if (cache.size() >= MAX_ENTRIES && cache.evictExpired() == 0) {
                // Many distinct callers within one TTL: start over rather than grow without bound.
                cache.clear();
            }
            cache.put(k, value, ttlOf.apply(value));
            return value;
        });
    }
}
