package dev.ebbflow.provisioner.ahead;

import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Capacity held for pods an autoscaler is about to create. One reservation per workload: it expects the
 * workload to reach {@code replicas} pods; until it does, the missing ones are phantom pending pods,
 * {@code replicas - live pods}, recomputed from the cluster's pods at every pass, so a real pod
 * (pending or bound) takes the place of a phantom as soon as it exists and no pod is ever counted twice,
 * within a batch or across batches.
 * <ul>
 *   <li>A higher expectation raises the reservation and restarts its time to live; a lower one (the
 *       reading fell) shrinks it at once, and the slots it gives up count as expired.</li>
 *   <li>A reservation that the workload has not filled within the time to live expires (the HPA scaled
 *       less: {@code behavior}, {@code maxReplicas}, a reading that fell); the same expectation is then
 *       not taken again until the workload catches up or a higher one comes, so an autoscaler that never
 *       follows the forecast does not hold capacity for ever.</li>
 * </ul>
 * Phantom pods are named {@code ahead~<kind>~<workload>~<i>}: no real pod can have that name.
 * Thread-safe; time comes in as {@code now}.
 */
public final class Reservations {

    private static final String PREFIX = "ahead~";
    private static final String SEPARATOR = "~";

    /** What a pass or an expectation changed: slots real pods took, slots given up unused. */
    public record Settled(int used, int expired) {
        static final Settled NONE = new Settled(0, 0);

        Settled plus(Settled other) {
            return new Settled(used + other.used, expired + other.expired);
        }
    }

    /** The phantom pods for the next batch, and what changed since the last pass. */
    public record Pass(List<SchedulablePod> phantoms, Settled settled) {
        public Pass {
            phantoms = List.copyOf(phantoms);
        }
    }

    /** What {@link #expect} did: the phantom pods outstanding for the workload now, and what changed. */
    public record Expectation(int phantoms, int added, Settled settled) {
    }

    private static final class Reservation {
        ExpectedPods expected;
        Instant expiresAt;
        int phantoms;

        Reservation(ExpectedPods expected, Instant expiresAt, int phantoms) {
            this.expected = expected;
            this.expiresAt = expiresAt;
            this.phantoms = phantoms;
        }
    }

    private final Duration ttl;
    private final Map<Workload, Reservation> active = new LinkedHashMap<>();
    // Expectations that expired unfilled, by workload: not taken again until exceeded or caught up with.
    private final Map<Workload, Integer> expired = new HashMap<>();

    public Reservations(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * Records that {@code expected.replicas} pods of the workload are coming.
     *
     * @param pods the cluster's pods now, to count the workload's live ones
     */
    public synchronized Expectation expect(ExpectedPods expected, List<Pod> pods, Instant now) {
        Workload w = expected.workload();
        int live = WorkloadPods.live(w.namespace(), expected.selector(), pods);
        int want = Math.max(0, expected.replicas() - live);
        Reservation r = active.get(w);
        Settled settled = r == null ? Settled.NONE : settle(r, live);
        if (want == 0) {
            expired.remove(w); // caught up, or nothing more is coming: a later burst starts afresh
            if (r != null) {
                active.remove(w);
                settled = settled.plus(new Settled(0, r.phantoms));
            }
            return new Expectation(0, 0, settled);
        }
        if (r != null && expected.replicas() <= r.expected.replicas()) {
            int kept = Math.min(r.phantoms, want);
            int released = r.phantoms - kept;
            r.expected = expected;
            r.phantoms = kept;
            return new Expectation(kept, 0, settled.plus(new Settled(0, released)));
        }
        if (r == null && expected.replicas() <= expired.getOrDefault(w, -1)) {
            return new Expectation(0, 0, settled);
        }
        int before = r == null ? 0 : r.phantoms;
        expired.remove(w);
        active.put(w, new Reservation(expected, now.plus(ttl), want));
        return new Expectation(want, want - before, settled);
    }

    /**
     * The autoscaler expects no more pods than the workload has and nothing is held for it: an expectation
     * that expired unfilled is forgotten, so the next burst is provisioned ahead again.
     */
    public synchronized void nothingComing(Workload w) {
        expired.remove(w);
    }

    /** Settles every reservation against the cluster's pods: the phantom pods still missing, expired ones dropped. */
    public synchronized Pass pass(List<Pod> pods, Instant now) {
        List<SchedulablePod> phantoms = new ArrayList<>();
        Settled settled = Settled.NONE;
        for (Iterator<Reservation> it = active.values().iterator(); it.hasNext(); ) {
            Reservation r = it.next();
            Workload w = r.expected.workload();
            settled = settled.plus(settle(r, WorkloadPods.live(w.namespace(), r.expected.selector(), pods)));
            if (r.phantoms == 0) {
                it.remove();
            } else if (!now.isBefore(r.expiresAt)) {
                settled = settled.plus(new Settled(0, r.phantoms));
                expired.put(w, r.expected.replicas());
                it.remove();
            } else {
                for (int i = 0; i < r.phantoms; i++) {
                    phantoms.add(phantom(r.expected, i));
                }
            }
        }
        return new Pass(phantoms, settled);
    }

    /** Phantom pods outstanding at {@code now}, by workload (as of the last pass). */
    public synchronized Map<Workload, Integer> outstanding(Instant now) {
        Map<Workload, Integer> out = new LinkedHashMap<>();
        active.forEach((w, r) -> {
            if (now.isBefore(r.expiresAt)) {
                out.put(w, r.phantoms);
            }
        });
        return out;
    }

    /** Whether a reservation for the workload is live at {@code now}. */
    public synchronized boolean holds(Workload w, Instant now) {
        Reservation r = active.get(w);
        return r != null && now.isBefore(r.expiresAt);
    }

    /** The workload a phantom pod (by {@code namespace/name}) stands in for; empty for a real pod. */
    public static Optional<Workload> workloadOf(String podKey) {
        int slash = podKey.indexOf('/');
        if (slash < 0 || !podKey.startsWith(PREFIX, slash + 1)) {
            return Optional.empty();
        }
        String[] parts = podKey.substring(slash + 1 + PREFIX.length()).split(SEPARATOR);
        return parts.length == 3 ? Optional.of(new Workload(podKey.substring(0, slash), parts[0], parts[1])) : Optional.empty();
    }

    /** Real pods that appeared since the last look take phantoms' places. */
    private static Settled settle(Reservation r, int live) {
        int now = Math.max(0, r.expected.replicas() - live);
        int used = Math.max(0, r.phantoms - now);
        r.phantoms = Math.min(r.phantoms, now);
        return used == 0 ? Settled.NONE : new Settled(used, 0);
    }

    private static SchedulablePod phantom(ExpectedPods e, int index) {
        SchedulablePod t = e.template();
        String name = PREFIX + e.workload().kind() + SEPARATOR + e.workload().name() + SEPARATOR + index;
        return new SchedulablePod(e.workload().namespace(), name, t.labels(), t.requests(), t.nodeSelector(), t.requiredNodeTerms(),
                t.preferredNodeTerms(), t.tolerations(), t.requiredAffinity(), t.preferredAffinity(), t.requiredAntiAffinity(),
                t.preferredAntiAffinity(), t.spreadConstraints(), t.hostPorts());
    }
}
