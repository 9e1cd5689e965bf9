package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedLookupsTest {
    private final List<Runnable> queued = new ArrayList<>();
    private final SharedLookups<String, Integer> lookups = new SharedLookups<>(queued::add);
    private final AtomicInteger loads = new AtomicInteger();

    @Test
    void callersOfOneKeyShareOneRunWithoutATaskEach() {
        CompletableFuture<Integer> first = lookups.get("orders", k -> loads.incrementAndGet());
        CompletableFuture<Integer> second = lookups.get("orders", k -> loads.incrementAndGet());
        CompletableFuture<Integer> other = lookups.get("payments", k -> loads.incrementAndGet());
        assertThat(queued).hasSize(2);
        assertThat(lookups.inFlight()).isEqualTo(2);
        queued.forEach(Runnable::run);
        assertThat(first.join()).isEqualTo(second.join());
        assertThat(other).isCompleted();
        assertThat(loads).hasValue(2);
        assertThat(lookups.inFlight()).isZero();
    }

    @Test
    void aFinishedRunIsNotReused() {
        lookups.get("orders", k -> loads.incrementAndGet());
        queued.remove(0).run();
        CompletableFuture<Integer> again = lookups.get("orders", k -> loads.incrementAndGet());
        queued.remove(0).run();
        assertThat(again.join()).isEqualTo(2);
    }

    @Test
    void failuresReachEveryWaiterAndAreForgotten() {
        CompletableFuture<Integer> first = lookups.get("orders", k -> {
            throw MetricLookupException.unavailable("broker down", null);
        });
        CompletableFuture<Integer> second = lookups.get("orders", k -> 1);
        queued.remove(0).run();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(lookups.inFlight()).isZero();
    }

    @Test
    void aRejectingExecutorFailsTheCallerAtOnce() {
        SharedLookups<String, Integer> full = new SharedLookups<>(task -> {
            throw new RejectedExecutionException("queue full");
        });
        CompletableFuture<Integer> result = full.get("orders", k -> 1);
        assertThat(result).isCompletedExceptionally();
        assertThat(result.handle((v, e) -> e)).isCompletedWithValueMatching(e -> e instanceof RejectedExecutionException);
        assertThat(full.inFlight()).isZero();
    }
}
