package dev.ebbflow.operator.leadership;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler whose every task checks the leadership gate when it falls due. {@code execute} and
 * {@code submit} of {@link ScheduledThreadPoolExecutor} go through {@code schedule}, so the four
 * overrides cover every way in.
 */
final class LeaderOnlyExecutor extends ScheduledThreadPoolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderOnlyExecutor.class);

    private final String name;
    private final BooleanSupplier leading;

    LeaderOnlyExecutor(String name, int threads, BooleanSupplier leading) {
        super(threads, daemonThreads(name));
        this.name = name;
        this.leading = leading;
        setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return super.schedule(() -> {
            if (leading.getAsBoolean()) {
                command.run();
            }
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return super.schedule(() -> {
            if (!leading.getAsBoolean()) {
                throw new NotLeaderException(name);
            }
            return callable.call();
        }, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return super.scheduleAtFixedRate(periodic(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return super.scheduleWithFixedDelay(periodic(command), initialDelay, delay, unit);
    }

    private Runnable periodic(Runnable command) {
        return () -> {
            if (!leading.getAsBoolean()) {
                return;
            }
            try {
                command.run();
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again; the next run may well succeed.
                LOG.warn("{}: periodic task failed: {}", name, e.toString());
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A one-shot task fell due on a replica that does not lead (any more). */
    static final class NotLeaderException extends IllegalStateException {
        NotLeaderException(String executor) {
            super(executor + ": not the leader");
        }
    }
}
