package dev.ebbflow.operator.autoscaling.loop;

import dev.ebbflow.operator.leadership.Leadership;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScaleLoopSchedulerTest {

    private static long loopThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("ebbflow-scale-")).count();
    }

    @Test
    void tenThousandScaledObjectsArePolledByAFixedPoolOfThreads() throws Exception {
        Map<ScaledObjectKey, AtomicInteger> polls = new ConcurrentHashMap<>();
        long before = loopThreads();
        try (ScaleLoopScheduler scheduler = new ScaleLoopScheduler(Leadership.alwaysLeading(), 4, (key, due) -> polls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet())) {
            for (int i = 0; i < 10_000; i++) {
                scheduler.register(new ScaledObjectKey("ns", "so-" + i), Duration.ofMillis(200));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (polls.size() < 10_000 || polls.values().stream().anyMatch(c -> c.get() < 2)) {
                assertThat(System.nanoTime()).as("every ScaledObject polled twice").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(loopThreads() - before).isLessThanOrEqualTo(5); // 4 workers + 1 timer
            assertThat(scheduler.registered()).isEqualTo(10_000);
        }
    }

    @Test
    void aPollStillRunningIsNotQueuedAgain() throws Exception {
        AtomicInteger started = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ScaledObjectKey key = new ScaledObjectKey("ns", "slow");
        try (ScaleLoopScheduler scheduler = new ScaleLoopScheduler(Leadership.alwaysLeading(), 2, (k, due) -> {
            started.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            scheduler.register(key, Duration.ofMillis(10));
            Thread.sleep(300);
            scheduler.pollSoon(key);
            assertThat(started.get()).isEqualTo(1);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (started.get() < 2) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(10);
            }
        }
    }

    @Test
    void unregisteringStopsThePollsAndANewIntervalReschedules() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        ScaledObjectKey key = new ScaledObjectKey("ns", "gone");
        try (ScaleLoopScheduler scheduler = new ScaleLoopScheduler(Leadership.alwaysLeading(), 1, (k, due) -> polls.incrementAndGet())) {
            scheduler.register(key, Duration.ofHours(1));
            Thread.sleep(200);
            assertThat(polls.get()).as("polled once at registration").isEqualTo(1);
            scheduler.register(key, Duration.ofMillis(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (polls.get() <= 3) {
                assertThat(System.nanoTime()).as("rescheduled at the new interval").isLessThan(deadline);
                Thread.sleep(20);
            }
            scheduler.unregister(key);
            Thread.sleep(100);
            int after = polls.get();
            Thread.sleep(300);
            assertThat(polls.get()).isEqualTo(after);
            assertThat(scheduler.isRegistered(key)).isFalse();
        }
    }

    @Test
    void unregisterReturnsOnlyOnceThePollInFlightHasFinished() throws Exception {
        CountDownLatch inPoll = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        ScaledObjectKey key = new ScaledObjectKey("ns", "cleanup");
        try (ScaleLoopScheduler scheduler = new ScaleLoopScheduler(Leadership.alwaysLeading(), 1, (k, due) -> {
            inPoll.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
        })) {
            scheduler.register(key, Duration.ofMillis(20));
            assertThat(inPoll.await(5, TimeUnit.SECONDS)).isTrue();
            Thread unregistering = new Thread(() -> scheduler.unregister(key));
            unregistering.start();
            unregistering.join(300);
            assertThat(unregistering.isAlive()).as("unregister waits for the running poll").isTrue();
            release.countDown();
            unregistering.join(5000);
            assertThat(unregistering.isAlive()).isFalse();
            int afterUnregister = finished.get();
            assertThat(afterUnregister).isEqualTo(1);
            Thread.sleep(200);
            assertThat(finished.get()).as("no poll after unregister returned").isEqualTo(afterUnregister);
        }
    }

    @Test
    void aPollQueuedBeforeUnregisterDoesNotRunAfterIt() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        AtomicInteger polled = new AtomicInteger();
        ScaledObjectKey blocker = new ScaledObjectKey("ns", "blocker");
        ScaledObjectKey queued = new ScaledObjectKey("ns", "queued");
        try (ScaleLoopScheduler scheduler = new ScaleLoopScheduler(Leadership.alwaysLeading(), 1, (k, due) -> {
            if (k.equals(blocker)) {
                try {
                    busy.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                polled.incrementAndGet();
            }
        })) {
            scheduler.register(blocker, Duration.ofHours(1));
            Thread.sleep(100); // the single worker is now held by the blocker
            scheduler.register(queued, Duration.ofHours(1)); // its first poll waits in the worker queue
            scheduler.unregister(queued);
            busy.countDown();
            Thread.sleep(300);
            assertThat(polled.get()).isZero();
        }
    }

    @Test
    void aFailingPollDoesNotStopTheLoop() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (ScaleLoopScheduler scheduler = new ScaleLoopScheduler(Leadership.alwaysLeading(), 1, (k, due) -> {
            polls.incrementAndGet();
            throw new IllegalStateException("boom");
        })) {
            scheduler.register(new ScaledObjectKey("ns", "failing"), Duration.ofMillis(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (polls.get() <= 3) {
                assertThat(System.nanoTime()).as("polled again after failures").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }
}
