package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingReaderTest {
    private static final int CALLERS = 50;
    private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A loader that blocks until released, so that all callers overlap with the first read. */
    private static final class GatedLoader implements CoalescingReader.Loader<String, Integer, MetricLookupException> {
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile MetricLookupException failure;

        @Override
        public Integer load(String key) throws MetricLookupException {
            int n = reads.incrementAndGet();
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return key.length() * 100 + n;
        }
    }

    private List<Future<Integer>> startCallers(CoalescingReader<String, Integer, MetricLookupException> reader, GatedLoader loader, String key)
            throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        results.add(pool.submit(() -> reader.read(key)));
        assertThat(loader.entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < CALLERS; i++) {
            results.add(pool.submit(() -> reader.read(key)));
        }
        // Every later caller must be parked on the leader's read before it finishes.
        waitUntilQueued(CALLERS - 1);
        loader.release.countDown();
        return results;
    }

    private void waitUntilQueued(int callers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (((java.util.concurrent.ThreadPoolExecutor) pool).getActiveCount() < callers + 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
    }

    @Test
    void fiftyConcurrentRequestsMakeOneRead() throws Exception {
        GatedLoader loader = new GatedLoader();
        CoalescingReader<String, Integer, MetricLookupException> reader = new CoalescingReader<>(MetricLookupException.class, loader);

        List<Future<Integer>> results = startCallers(reader, loader, "orders");

        for (Future<Integer> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(601);
        }
        assertThat(loader.reads).hasValue(1);
        assertThat(reader.inFlight()).isZero();
    }

    @Test
    void failureIsSharedByOverlappingCallersButNotRemembered() throws Exception {
        GatedLoader loader = new GatedLoader();
        loader.failure = MetricLookupException.unavailable("broker down", null);
        CoalescingReader<String, Integer, MetricLookupException> reader = new CoalescingReader<>(MetricLookupException.class, loader);

        List<Future<Integer>> results = startCallers(reader, loader, "orders");

        for (Future<Integer> result : results) {
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseReference(loader.failure);
        }
        assertThat(loader.reads).hasValue(1);

        loader.failure = null;
        assertThat(reader.read("orders")).isEqualTo(602);
        assertThat(loader.reads).hasValue(2);
    }

    @Test
    void differentKeysAreReadSeparately() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CoalescingReader<String, Integer, MetricLookupException> reader =
                new CoalescingReader<>(MetricLookupException.class, key -> reads.incrementAndGet());
        reader.read("a");
        reader.read("b");
        reader.read("a");
        assertThat(reads).hasValue(3);
    }

    @Test
    void runtimeFailuresPropagateUnchanged() {
        CoalescingReader<String, Integer, MetricLookupException> reader = new CoalescingReader<>(MetricLookupException.class, key -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> reader.read("a")).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }
}
