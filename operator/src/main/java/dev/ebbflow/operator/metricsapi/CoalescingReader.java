package dev.ebbflow.operator.metricsapi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Collapses concurrent reads of the same key into one underlying read whose outcome, value or
 * failure, every waiter receives. Nothing is kept once the read completes: a later request reads
 * again, so a failure is shared by the requests that overlapped it but never remembered.
 * (Many HPAs, and every operator replica's aggregator traffic, ask for the same metric at once;
 * without this each would hit the broker.)
 *
 * @param <E> the checked failure the loader may throw, rethrown as-is to every waiter
 */
public final class CoalescingReader<K, V, E extends Exception> {
    @FunctionalInterface
    public interface Loader<K, V, E extends Exception> {
        V load(K key) throws E;
    }

    private final ConcurrentMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
    private final Loader<K, V, E> loader;
    private final Class<E> failureType;

    public CoalescingReader(Class<E> failureType, Loader<K, V, E> loader) {
        this.failureType = failureType;
        this.loader = loader;
    }

    public V read(K key) throws E {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
        if (running == null) {
            // This caller leads: it does the read on its own thread and publishes the outcome.
            try {
                mine.complete(loader.load(key));
            } catch (Throwable t) {
                mine.completeExceptionally(t);
            } finally {
                inFlight.remove(key, mine);
            }
            return await(mine);
        }
        return await(running);
    }

    /** Reads in progress, for tests and diagnostics. */
    public int inFlight() {
        return inFlight.size();
    }

    private V await(CompletableFuture<V> future) throws E {
        try {
            return future.join();
        } catch (CompletionException wrapped) {
            Throwable cause = wrapped.getCause();
            if (failureType.isInstance(cause)) {
                throw failureType.cast(cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
