package dev.ebbflow.operator.leadership;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every background loop that writes goes through: only the Lease holder acts. Loops
 * get their threads from {@link #newExecutor}, whose tasks run only while this replica leads, so a
 * new loop cannot forget to check; JOSDK operators are started through {@link #onAcquired} listeners.
 * Leading starts once ({@link #acquired}) and ends once ({@link #stop}): a replica that stopped
 * leading never leads again in the same process (it exits, or is shutting down).
 */
public final class Leadership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private enum State { FOLLOWING, LEADING, STOPPED }

    private final Object lock = new Object();
    private volatile State state = State.FOLLOWING;
    private final List<LeaderOnlyExecutor> executors = new CopyOnWriteArrayList<>();
    private final List<Runnable> acquiredListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A replica that follows until {@link #acquired} is called (by the Lease election). */
    public static Leadership following() {
        return new Leadership();
    }

    /** A replica without leader election: it leads from the start. */
    public static Leadership alwaysLeading() {
        Leadership leadership = new Leadership();
        leadership.acquired();
        return leadership;
    }

    private Leadership() {
    }

    /** Whether this replica may act now. */
    public boolean isLeader() {
        return state == State.LEADING;
    }

    /** Whether leading ended (lost, released or shut down): nothing is acted on any more. */
    public boolean isStopped() {
        return state == State.STOPPED;
    }

    /**
     * A scheduler whose tasks run only while this replica leads: a periodic task keeps its schedule
     * but skips its runs while following, and a periodic task that throws is logged and run again
     * next period instead of being dropped. Shut down when leading stops.
     */
    public ScheduledExecutorService newExecutor(String threadName, int threads) {
        LeaderOnlyExecutor executor = new LeaderOnlyExecutor(threadName, threads, this::isLeader);
        executors.add(executor);
        if (isStopped()) {
            executor.shutdownNow();
        }
        return executor;
    }

    /** Runs {@code listener} when this replica starts leading, or at once (in the caller's thread) if it already leads. */
    public void onAcquired(Runnable listener) {
        boolean runNow;
        synchronized (lock) {
            acquiredListeners.add(listener);
            runNow = state == State.LEADING;
        }
        if (runNow) {
            listener.run();
        }
    }

    /** This replica now holds the Lease. */
    public void acquired() {
        synchronized (lock) {
            if (state != State.FOLLOWING) {
                return;
            }
            state = State.LEADING;
        }
        for (Runnable listener : acquiredListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("starting leader-only work failed: {}", e.toString());
            }
        }
    }

    /**
     * Stops acting at once: the gate closes and every leader-only scheduler is shut down, interrupting
     * what runs. Called when the Lease is lost and, before it is released, on shutdown.
     */
    public void stop() {
        synchronized (lock) {
            state = State.STOPPED;
        }
        executors.forEach(LeaderOnlyExecutor::shutdownNow);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop();
        }
    }
}
