package dev.ebbflow.operator.leadership;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds {@link Leadership} to a Lease, as client-go's leader election does, with two differences
 * that matter on a rollout or a crash: {@link #close()} releases the Lease (after the caller stopped
 * acting), and a follower watches the Lease, so that it tries to take it the moment it is released
 * or expires, instead of at its next retry (up to 2.2 retry periods later, with fabric8's jitter).
 * Losing the Lease stops the gate and calls {@code onLost}, which in a process ends it.
 */
public final class LeaseElection implements AutoCloseable {

    /** client-go's and JOSDK's defaults: 15 s, 10 s, 2 s. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

        public static final Timing DEFAULTS = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));

        /** Checks what fabric8's elector checks at start; the message names the options of {@code ebbflow run}. */
        public Timing {
            if (retryPeriod.isNegative() || retryPeriod.isZero()) {
                throw new IllegalArgumentException("--leader-election-retry-period must be positive, got " + retryPeriod);
            }
            // fabric8 spaces tries by up to 2.2 retry periods (its jitter); a renewal must fit in the deadline.
            if (renewDeadline.toMillis() <= retryPeriod.toMillis() * 2.2) {
                throw new IllegalArgumentException("--leader-election-renew-deadline (" + renewDeadline
                        + ") must be longer than 2.2 x --leader-election-retry-period (" + retryPeriod + ")");
            }
            if (leaseDuration.compareTo(renewDeadline) <= 0) {
                throw new IllegalArgumentException("--leader-election-lease-duration (" + leaseDuration
                        + ") must be longer than --leader-election-renew-deadline (" + renewDeadline + ")");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LeaseElection.class);
    /** fabric8 takes a Lease only once {@code now} is after its expiry: try just after. */
    private static final long EXPIRY_MARGIN_MILLIS = 50;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Timing timing;
    private final Leadership leadership;
    private final Runnable onLost;
    private final ExecutorService executor;
    private final ScheduledExecutorService expiry;
    private ScheduledFuture<?> takeAtExpiry;
    private volatile boolean releasing;
    /** Which candidate's callbacks count: a candidate replaced by {@link #takeIfReleased} is ignored. */
    private int generation;
    private CompletableFuture<?> candidate;
    private SharedIndexInformer<Lease> leaseWatch;

    /**
     * @param onLost called (once) when the Lease is lost other than by {@link #close()}; the gate is already shut
     */
    public LeaseElection(KubernetesClient client, String namespace, String name, String identity, Timing timing, Leadership leadership,
            Runnable onLost) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.timing = timing;
        this.leadership = leadership;
        this.onLost = onLost;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ebbflow-lease-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.expiry = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ebbflow-lease-expiry");
            t.setDaemon(true);
            return t;
        });
    }

    public String identity() {
        return identity;
    }

    public synchronized LeaseElection start() {
        candidate = newElector(generation).start();
        leaseWatch = client.leases().inNamespace(namespace).withName(name).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Lease lease) {
                observed(lease);
            }

            @Override
            public void onUpdate(Lease before, Lease after) {
                observed(after);
            }

            @Override
            public void onDelete(Lease lease, boolean unknownFinalState) {
                observed(null);
            }
        });
        return this;
    }

    private LeaderElector newElector(int candidateGeneration) {
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> startedLeading(candidateGeneration), () -> stoppedLeading(candidateGeneration),
                leader -> LOG.info("leader is {}", leader == null || leader.isEmpty() ? "none (Lease released)" : leader));
        // releaseOnCancel: close() hands the Lease over instead of letting it run out.
        return new LeaderElectorBuilder(client, executor).withConfig(new LeaderElectionConfig(new LeaseLock(namespace, name, identity),
                timing.leaseDuration(), timing.renewDeadline(), timing.retryPeriod(), callbacks, true, name)).build();
    }

    /**
     * A follower's candidate waits a retry period between tries: a released Lease is tried now, and a
     * held one the moment it would expire (each renewal seen pushes that back).
     */
    private void observed(Lease lease) {
        Optional<Instant> expires = LeaseExpiry.expiresAt(lease);
        synchronized (this) {
            if (takeAtExpiry != null) {
                takeAtExpiry.cancel(false);
                takeAtExpiry = null;
            }
            if (expires.isPresent() && !releasing && !identity.equals(lease.getSpec().getHolderIdentity())) {
                long delay = Math.max(0, Duration.between(Instant.now(), expires.get()).toMillis()) + EXPIRY_MARGIN_MILLIS;
                takeAtExpiry = expiry.schedule(this::takeNow, delay, TimeUnit.MILLISECONDS);
                return;
            }
        }
        if (expires.isEmpty()) {
            takeNow();
        }
    }

    /** Replaces a follower's waiting candidate with one that tries at once. */
    private void takeNow() {
        CompletableFuture<?> replaced;
        int next;
        synchronized (this) {
            if (releasing || leadership.isLeader() || leadership.isStopped() || candidate == null) {
                return;
            }
            replaced = candidate;
            candidate = null;
            next = ++generation;
        }
        LOG.debug("Lease {}/{} released or expired: trying to take it now", namespace, name);
        // Outside the monitor: cancelling waits for a try in progress, whose callbacks take the monitor.
        // Should that try have just taken the Lease, cancelling hands it back; its callbacks no longer count.
        replaced.cancel(true);
        synchronized (this) {
            if (!releasing && generation == next) {
                candidate = newElector(next).start();
            }
        }
    }

    private synchronized boolean current(int candidateGeneration) {
        return candidateGeneration == generation;
    }

    private void startedLeading(int candidateGeneration) {
        if (releasing || !current(candidateGeneration)) {
            return;
        }
        LOG.info("{} leads (Lease {}/{}): reconcilers and background loops run here", identity, namespace, name);
        leadership.acquired();
    }

    private void stoppedLeading(int candidateGeneration) {
        if (!current(candidateGeneration)) {
            return;
        }
        boolean wasLeading = leadership.isLeader();
        leadership.stop();
        if (!releasing && wasLeading) {
            LOG.warn("{} lost the Lease {}/{}: stopped acting", identity, namespace, name);
            onLost.run();
        }
    }

    /**
     * Releases the Lease if held, so that a follower takes over at once. The caller stops acting
     * first (the gate and the reconcilers): after this, another replica may act.
     */
    @Override
    public void close() {
        CompletableFuture<?> current;
        SharedIndexInformer<Lease> watch;
        synchronized (this) {
            releasing = true;
            current = candidate;
            watch = leaseWatch;
        }
        if (watch != null) {
            watch.close();
        }
        leadership.stop();
        if (current != null) {
            // Completes the elector's futures in this thread, so the release is done on return.
            current.cancel(true);
        }
        expiry.shutdownNow();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
