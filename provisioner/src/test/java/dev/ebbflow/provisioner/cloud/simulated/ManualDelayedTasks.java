package dev.ebbflow.provisioner.cloud.simulated;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Delayed tasks that run only when the test says so. */
final class ManualDelayedTasks implements DelayedTasks {

    static final class Task {
        final Duration delay;
        final Runnable runnable;
        boolean cancelled;
        boolean ran;

        Task(Duration delay, Runnable runnable) {
            this.delay = delay;
            this.runnable = runnable;
        }
    }

    final List<Task> tasks = new ArrayList<>();

    @Override
    public Handle schedule(Duration delay, Runnable task) {
        Task t = new Task(delay, task);
        tasks.add(t);
        return () -> {
            boolean wasPending = !t.ran && !t.cancelled;
            t.cancelled = true;
            return wasPending;
        };
    }

    /** Runs every pending task, as if their delays had all passed. */
    void runAll() {
        for (Task t : List.copyOf(tasks)) {
            if (!t.cancelled && !t.ran) {
                t.ran = true;
                t.runnable.run();
            }
        }
    }
}
