package dev.ebbflow.operator.metricsapi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

/**
 * Runs a blocking lookup on a bounded executor and lets every caller that asks for the same key while it
 * runs wait for that one run, without holding a thread: so a slow source costs one thread per distinct
 * key, however many requests wait for it, and the server's event loop never blocks.
 * Nothing is kept once the lookup completes (caching is the caller's business).
 */
public final class SharedLookups<K, V> {
    @FunctionalInterface
    public interface Lookup<K, V> {
        V load(K key) throws Exception;
    }

    private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final Executor executor;

    public SharedLookups(Executor executor) {
        this.executor = executor;
    }

    /** The running lookup of {@code key}, or a new one; a full executor fails the future instead of blocking the caller. */
    public CompletableFuture<V> get(K key, Lookup<K, V> lookup) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> {
                V value;
                try {
                    value = lookup.load(key);
                } catch (Throwable t) {
                    finish(key, mine, () -> mine.completeExceptionally(t));
                    return;
                }
                finish(key, mine, () -> mine.complete(value));
            });
        } catch (RuntimeException rejected) {
            finish(key, mine, () -> mine.completeExceptionally(rejected));
        }
        return mine;
    }

    private void finish(K key, CompletableFuture<V> mine, Runnable complete) {
        // Removed before completing, so a caller woken by the outcome that asks again starts a fresh lookup.
        inFlight.remove(key, mine);
        complete.run();
    }

    /** Lookups in progress, for tests and diagnostics. */
    public int inFlight() {
        return inFlight.size();
    }
}
