package dev.ebbflow.operator.provisioning.disruption;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the disruption controller's passes (emptiness, drift, consolidation) run at a fixed delay on
 * the provisioning executor, which runs only while this replica leads: a pass that throws is logged
 * and the next one runs as planned.
 */
public final class PeriodicPass implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicPass.class);

    private final String name;
    private final Runnable pass;
    private ScheduledFuture<?> running;

    /** @param name what the pass is, for logs ({@code consolidation}, {@code drift}, ...) */
    public PeriodicPass(String name, Runnable pass) {
        this.name = name;
        this.pass = pass;
    }

    public synchronized void start(ScheduledExecutorService executor, Duration period) {
        if (running != null) {
            throw new IllegalStateException(name + " pass already started");
        }
        running = executor.scheduleWithFixedDelay(this::runSafely, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runSafely() {
        try {
            pass.run();
        } catch (RuntimeException e) {
            LOG.warn("{} pass failed: {}", name, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }
}
