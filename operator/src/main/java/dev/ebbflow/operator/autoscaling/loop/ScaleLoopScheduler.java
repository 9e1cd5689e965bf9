package dev.ebbflow.operator.autoscaling.loop;

import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.leadership.Leadership;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every registered ScaledObject's poll each {@code pollingInterval}: one timer thread hands due
 * polls to a fixed pool of workers, so ten thousand ScaledObjects cost ten thousand timer entries, not
 * ten thousand threads. A poll that is still running when the next one falls due is not queued twice.
 * The timer comes from the {@link Leadership} gate, so polls run only on the Lease holder, and stop
 * (queued ones included) the moment leading stops.
 */
public final class ScaleLoopScheduler implements AutoCloseable {

    /** One poll of one ScaledObject; {@code due} is when it should have started. */
    @FunctionalInterface
    public interface Poll {
        void run(ScaledObjectKey key, Instant due);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ScaleLoopScheduler.class);

    private record Registration(Duration interval, ScheduledFuture<?> timer, Polling polling) {
    }

    /**
     * What the polls of one registration share, kept across a change of interval: {@code running} is
     * held while a poll runs, so that {@link #unregister} can wait for it, and {@code stopped} keeps a
     * poll still queued from running after it.
     */
    private static final class Polling {
        final AtomicBoolean queued = new AtomicBoolean();
        final ReentrantLock running = new ReentrantLock();
        volatile boolean stopped;
    }

    private final Poll poll;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Map<ScaledObjectKey, Registration> registrations = new ConcurrentHashMap<>();

    public ScaleLoopScheduler(Leadership leadership, int workerThreads, Poll poll) {
        this.poll = poll;
        this.timer = leadership.newExecutor("ebbflow-scale-timer", 1);
        this.workers = new ThreadPoolExecutor(workerThreads, workerThreads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads("ebbflow-scale-loop"));
    }

    /**
     * Runs {@code beat} on a worker every {@code period} while leading: it shows that the timer fires and
     * that workers are free to poll, which a health check can watch.
     */
    public void heartbeat(Duration period, Runnable beat) {
        long millis = Math.max(1, period.toMillis());
        timer.scheduleAtFixedRate(() -> {
            try {
                workers.execute(beat);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Polls {@code key} now and then every {@code interval}; re-registering with another interval reschedules it. */
    public void register(ScaledObjectKey key, Duration interval) {
        register(key, interval, Duration.ZERO);
    }

    /** Like {@link #register}, for a ScaledObject its caller has just polled: its next poll comes one {@code interval} later. */
    public void registerPolled(ScaledObjectKey key, Duration interval) {
        register(key, interval, interval);
    }

    private void register(ScaledObjectKey key, Duration interval, Duration firstAfter) {
        if (timer.isShutdown()) {
            return; // stopped (shutting down, or leadership lost): a late reconcile must not restart polling
        }
        registrations.compute(key, (k, existing) -> {
            if (existing != null && existing.interval().equals(interval)) {
                return existing;
            }
            if (existing != null) {
                existing.timer().cancel(false);
            }
            // Handed to the timer directly: its first tick may come before compute() has stored the registration.
            Polling polling = existing != null ? existing.polling() : new Polling();
            long periodMillis = Math.max(1, interval.toMillis());
            long delayMillis = firstAfter.toMillis();
            long start = System.currentTimeMillis() + delayMillis;
            AtomicInteger ticks = new AtomicInteger();
            ScheduledFuture<?> future = timer.scheduleAtFixedRate(
                    () -> submit(k, polling, Instant.ofEpochMilli(start + ticks.getAndIncrement() * periodMillis)),
                    delayMillis, periodMillis, TimeUnit.MILLISECONDS);
            return new Registration(interval, future, polling);
        });
    }

    /** Polls {@code key} as soon as a worker is free, e.g. after its spec changed; no-op when not registered. */
    public void pollSoon(ScaledObjectKey key) {
        Registration r = registrations.get(key);
        if (r != null) {
            submit(key, r.polling(), Instant.now());
        }
    }

    /**
     * Stops polling {@code key} and waits for a poll already running to finish: the caller is about to
     * delete what polls write (the HPA, on cleanup or pause), and a poll that read the ScaledObject before
     * must not put it back afterwards.
     */
    public void unregister(ScaledObjectKey key) {
        Registration r = registrations.remove(key);
        if (r != null) {
            r.timer().cancel(false);
            r.polling().stopped = true;
            r.polling().running.lock();
            r.polling().running.unlock();
        }
    }

    public boolean isRegistered(ScaledObjectKey key) {
        return registrations.containsKey(key);
    }

    public int registered() {
        return registrations.size();
    }

    private void submit(ScaledObjectKey key, Polling polling, Instant due) {
        if (polling.stopped || !polling.queued.compareAndSet(false, true)) {
            return; // unregistered, or the previous poll has not finished: skip this tick rather than pile up
        }
        try {
            workers.execute(() -> {
                polling.running.lock();
                try {
                    if (!polling.stopped && !timer.isShutdown()) { // queued before leading stopped: skip
                        poll.run(key, due);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("scale loop of ScaledObject {} failed", key, e);
                } finally {
                    polling.running.unlock();
                    polling.queued.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            polling.queued.set(false); // shutting down
        }
    }

    @Override
    public void close() {
        registrations.values().forEach(r -> {
            r.timer().cancel(false);
            r.polling().stopped = true;
        });
        registrations.clear();
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
