package dev.ebbflow.provisioner.cloud.simulated;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; a seam so that tests decide when "later" is. */
@FunctionalInterface
public interface DelayedTasks {

    /** A scheduled task that has not run yet may be cancelled. */
    @FunctionalInterface
    interface Handle {
        /** @return true when the task will not run */
        boolean cancel();
    }

    Handle schedule(Duration delay, Runnable task);

    static DelayedTasks of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
