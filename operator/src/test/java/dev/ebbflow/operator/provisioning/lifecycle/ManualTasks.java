package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Simulated boots that finish when the test says so. */
final class ManualTasks implements DelayedTasks {

    private final List<Runnable> pending = new ArrayList<>();

    @Override
    public synchronized Handle schedule(Duration delay, Runnable task) {
        pending.add(task);
        return () -> {
            synchronized (this) {
                return pending.remove(task);
            }
        };
    }

    void runAll() {
        List<Runnable> now;
        synchronized (this) {
            now = new ArrayList<>(pending);
            pending.clear();
        }
        now.forEach(Runnable::run);
    }

    synchronized int pending() {
        return pending.size();
    }
}
