package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.provisioner.scheduling.BatchWindow;
import dev.ebbflow.provisioner.scheduling.ProvisionablePods;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds pending pods into Karpenter's batching window and runs provisioning when the window closes:
 * a burst of pods is packed together instead of one node per pod. Pods that stay pending are looked
 * at again when a Node or NodeClaim is deleted and every recheck period, since what kept them pending
 * (limits, a broken NodePool, a failed launch) may have changed without any pod event. Runs only while
 * {@code leader} says so.
 */
public final class PendingPodWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PendingPodWatcher.class);

    private final ProvisioningCache cache;
    private final Runnable provisioning;
    private final ProvisioningSettings settings;
    private final Clock clock;
    private final BooleanSupplier leader;
    private BatchWindow window;
    private Instant lastRun;
    private ScheduledExecutorService executor;

    public PendingPodWatcher(ProvisioningCache cache, Runnable provisioning, ProvisioningSettings settings, Clock clock, BooleanSupplier leader) {
        this.cache = cache;
        this.provisioning = provisioning;
        this.settings = settings;
        this.clock = clock;
        this.leader = leader;
        this.window = BatchWindow.empty(settings.batchIdleDuration(), settings.batchMaxDuration());
        cache.onPod(this::podSeen);
        cache.onCapacityRemoved(this::capacityRemoved);
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ebbflow-provisioner");
            t.setDaemon(true);
            return t;
        });
        long tick = settings.tick().toMillis();
        executor.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    void podSeen(Pod pod) {
        if (ProvisionablePods.isProvisionable(pod)) {
            synchronized (this) {
                window = window.podArrived(clock.instant());
            }
        }
    }

    /** Provisioning ahead expects new pods: they join the batch as if they had just turned pending. */
    public void podsExpected() {
        synchronized (this) {
            window = window.podArrived(clock.instant());
        }
    }

    /**
     * A Node or NodeClaim went away, or a NodePool became usable: pods still pending may have counted on
     * it (a launch that failed), been held back by limits it used or had no usable pool, so they are
     * looked at again without waiting for the recheck.
     */
    void capacityRemoved() {
        if (cache.pods().stream().anyMatch(ProvisionablePods::isProvisionable)) {
            synchronized (this) {
                window = window.podArrived(clock.instant());
            }
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // One failed run must not end the schedule; the pods are still pending and the next run retries.
            LOG.warn("provisioning run failed: {}", e.toString());
        }
    }

    /** Runs provisioning if the batch closed (or the recheck is due and pods are still pending). */
    void tick() {
        if (!leader.getAsBoolean() || !cache.hasSynced()) {
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            if (!window.isOpen() && recheckDue(now) && cache.pods().stream().anyMatch(ProvisionablePods::isProvisionable)) {
                window = window.podArrived(now);
            }
            if (!window.isClosed(now)) {
                return;
            }
            window = window.reset();
            lastRun = now;
        }
        provisioning.run();
    }

    private boolean recheckDue(Instant now) {
        return lastRun == null || !now.isBefore(lastRun.plus(settings.recheckPeriod()));
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
