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
 * hop and no API call.
 */
final class CachedLookups<K, V> {
    private static final int MAX_ENTRIES = 10_000;

    private final TtlReadingCache<K, V> cache;
    private final SharedLookups<K, V> lookups;
    private final Function<V, Duration> ttlOf;

    CachedLookups(Clock clock, Executor executor, Duration longestTtl, Function<V, Duration> ttlOf) {
        this.cache = new TtlReadingCache<>(clock, longestTtl);
        this.lookups = new SharedLookups<>(executor);
        this.ttlOf = ttlOf;
    }

    CompletableFuture<V> get(K key, SharedLookups.Lookup<K, V> lookup) {
        Optional<V> fresh = cache.getFresh(key);
        if (fresh.isPresent()) {
            return CompletableFuture.completedFuture(fresh.get());
        }
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
