package dev.ebbflow.provisioner.faults;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.InsufficientCapacityException;
import dev.ebbflow.provisioner.cloud.NodeClaimNotFoundException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.garbagecollection.GarbageCollection;
import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Drives NodeClaims through one cloud adapter as the operator's controllers do, one reconcile at a
 * time: the lifecycle calls {@code create} until the claim has an instance (a claim whose launch failed
 * for another reason than capacity is reconciled again; one out of capacity is deleted and the
 * provisioner makes a new claim for the same pods); now and then the claim's status write is lost (an
 * operator restart), so the next reconcile creates again; now and then a claim in doubt is deleted
 * before its next reconcile (its pods went elsewhere), with no provider ID for termination to act on;
 * termination deletes the oldest claims' instances; garbage collection lists the cloud and applies
 * {@link GarbageCollection#plan}. The claims live in memory: what is under test is the adapter and the
 * decisions, not the API server.
 */
public final class LifecycleSimulation {

    static final int MAX_LIVE_CLAIMS = 60;
    static final int MAX_RECONCILES = 10;
    static final int GC_EVERY = 100;
    /** The share of launched claims whose status write is lost, so that they are created a second time. */
    static final double RESTART_RATE = 0.02;
    /** The share of claims in doubt (a launch that failed without a capacity error) deleted before their next reconcile. */
    static final double ABANDON_RATE = 0.25;
    /** Between two claims: long enough for the 3-minute unavailable marks to lapse after some twelve launches. */
    static final Duration STEP = Duration.ofSeconds(15);

    /** What one run saw. */
    public record Figures(String cloud, int launches, int claimsCreated, int createCalls, int launchRequests, int lifecycleRetries,
                          int insufficientCapacity, int abandonedInDoubt, int restarts, int restartsWithAnotherInstance,
                          int terminations, int terminationRetries, int gcPasses, int gcSkipped, int gcTerminated,
                          int gcClaimsDeleted, int gcClaimsDeletedWithLiveInstance, int duplicateClaims,
                          int leakedBeforeFinalGc, int leakedAfterGc, int strayAfterGc,
                          int injectedCapacity, int injectedThrottle, int injectedLostResponse) {

        public boolean clean() {
            return duplicateClaims == 0 && restartsWithAnotherInstance == 0 && leakedAfterGc == 0 && strayAfterGc == 0
                    && gcClaimsDeletedWithLiveInstance == 0;
        }
    }

    private record Live(NodeClaim claim, String providerId, Instant launchedAt) {
    }

    private final CloudRig rig;
    private final CloudProvider cloud;
    private final ManualClock clock;
    private final Random random;
    /** Pods a deleted claim was for, and when the provisioner would try them again (once the offerings it lacked come back). */
    private record Unmet(CloudRig.Shape shape, Instant notBefore) {
    }

    private final Deque<Unmet> unmet = new ArrayDeque<>();
    private final Map<String, Live> live = new LinkedHashMap<>();
    private final Set<String> duplicated = new HashSet<>();
    private int launches;
    private int claims;
    private int createCalls;
    private int lifecycleRetries;
    private int insufficient;
    private int abandoned;
    private int restarts;
    private int restartMismatches;
    private int terminations;
    private int terminationRetries;
    private int gcPasses;
    private int gcSkipped;
    private int gcTerminated;
    private int gcClaimsDeleted;
    private int gcWrongful;

    public LifecycleSimulation(CloudRig rig, ManualClock clock, long seed) {
        this.rig = rig;
        this.cloud = rig.cloud();
        this.clock = clock;
        this.random = new Random(seed);
    }

    public Figures run(int targetLaunches) {
        while (launches < targetLaunches) {
            Optional<CloudRig.Shape> next = nextShape();
            if (next.isEmpty()) {
                clock.advance(STEP);
                continue;
            }
            CloudRig.Shape shape = next.get();
            NodeClaim claim = rig.claim("fi-" + claims, new UUID(random.nextLong(), random.nextLong()).toString(), shape);
            claims++;
            launch(claim, shape, true).ifPresent(l -> {
                live.put(l.claim().getMetadata().getName(), l);
                launches++;
                countDuplicates();
                if (launches % GC_EVERY == 0) {
                    collectGarbage(Instant.now());
                }
            });
            while (live.size() > MAX_LIVE_CLAIMS) {
                terminateOldest();
            }
            clock.advance(STEP);
        }
        countDuplicates();
        int leakedBefore = leaked();
        // Passes after the instance grace has passed, until one finds nothing (a throttled listing skips a pass).
        Instant afterGrace = Instant.now().plus(GarbageCollection.INSTANCE_GRACE).plusSeconds(1);
        for (int i = 0; i < 5 && (collectGarbage(afterGrace) > 0 || leaked() > 0); i++) {
            clock.advance(STEP);
        }
        FaultPolicy f = rig.faults();
        return new Figures(cloud.name(), launches, claims, createCalls, rig.launchRequests(), lifecycleRetries, insufficient, abandoned,
                restarts, restartMismatches, terminations, terminationRetries, gcPasses, gcSkipped, gcTerminated, gcClaimsDeleted,
                gcWrongful, duplicated.size(), leakedBefore, leaked(), rig.strayResources(),
                f.injected(FaultPolicy.Fault.CAPACITY), f.injected(FaultPolicy.Fault.THROTTLE), f.injected(FaultPolicy.Fault.LOSE_RESPONSE));
    }

    /**
     * Pods left by a claim deleted for want of capacity first, once the offerings they lacked are
     * available again; else new pods of any shape whose offerings the scheduler would not skip now.
     */
    private Optional<CloudRig.Shape> nextShape() {
        if (!unmet.isEmpty() && !clock.instant().isBefore(unmet.peek().notBefore())) {
            return Optional.of(unmet.poll().shape());
        }
        Set<CloudRig.Shape> waiting = new HashSet<>();
        unmet.forEach(u -> waiting.add(u.shape()));
        List<CloudRig.Shape> open = java.util.Arrays.stream(CloudRig.Shape.values()).filter(s -> !waiting.contains(s)).toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(random.nextInt(open.size())));
    }

    /** The lifecycle's reconciles of one claim until it has an instance, or is deleted. */
    private Optional<Live> launch(NodeClaim claim, CloudRig.Shape shape, boolean mayRestart) {
        for (int attempt = 0; attempt < MAX_RECONCILES; attempt++) {
            createCalls++;
            NodeClaim launched;
            try {
                launched = cloud.create(claim);
            } catch (InsufficientCapacityException e) {
                // Deleted with no provider ID (termination has nothing to do); its pods get a new claim.
                insufficient++;
                unmet.add(new Unmet(shape, clock.instant().plus(UnavailableOfferings.DEFAULT_TTL)));
                return Optional.empty();
            } catch (CloudProviderException e) {
                lifecycleRetries++;
                if (random.nextDouble() < ABANDON_RATE) {
                    abandoned++;
                    return Optional.empty();
                }
                clock.advance(Duration.ofSeconds(5));
                continue;
            }
            Live l = new Live(launched, launched.getStatus().getProviderID(), Instant.now());
            if (mayRestart && random.nextDouble() < RESTART_RATE) {
                restarts++;
                Optional<Live> again = launch(claim, shape, false);
                if (again.isPresent() && !again.get().providerId().equals(l.providerId())) {
                    restartMismatches++;
                }
                return again;
            }
            return Optional.of(l);
        }
        unmet.add(new Unmet(shape, clock.instant())); // the liveness timeout deletes it; its pods get a new claim
        return Optional.empty();
    }

    private void terminateOldest() {
        Iterator<Live> oldest = live.values().iterator();
        Live l = oldest.next();
        oldest.remove();
        terminations++;
        for (int attempt = 0; attempt < MAX_RECONCILES; attempt++) {
            try {
                cloud.delete(l.claim());
                return;
            } catch (NodeClaimNotFoundException e) {
                return;
            } catch (CloudProviderException e) {
                terminationRetries++;
            }
        }
    }

    /** One garbage-collection pass as the controller runs it; returns how many instances it terminated. */
    private int collectGarbage(Instant now) {
        gcPasses++;
        List<NodeClaim> listed;
        try {
            listed = cloud.list();
        } catch (CloudProviderException e) {
            gcSkipped++;
            return 0;
        }
        List<GarbageCollection.Instance> instances = new ArrayList<>();
        Map<String, NodeClaim> described = new HashMap<>();
        for (NodeClaim d : listed) {
            GarbageCollection.Instance i = GarbageCollection.Instance.listed(cloud.name(), d);
            instances.add(i);
            described.put(i.providerId(), d);
        }
        List<GarbageCollection.Claim> views = live.values().stream().map(l -> new GarbageCollection.Claim(l.claim().getMetadata().getName(),
                Optional.of(cloud.name()), Optional.of(l.providerId()), Optional.of(l.launchedAt()), false)).toList();
        GarbageCollection.Plan plan = GarbageCollection.plan(Map.of(cloud.name(), instances), views, true, now);
        int terminated = 0;
        for (GarbageCollection.Instance leaked : plan.leakedInstances()) {
            try {
                cloud.delete(described.get(leaked.providerId()));
                terminated++;
            } catch (NodeClaimNotFoundException e) {
                terminated++;
            } catch (CloudProviderException e) {
                // the next pass tries again
            }
        }
        Set<String> running = rig.liveInstances().keySet();
        for (GarbageCollection.Claim orphan : plan.claimsWithoutInstance()) {
            Live l = live.remove(orphan.name());
            gcClaimsDeleted++;
            if (running.contains(l.providerId())) {
                gcWrongful++;
            }
        }
        gcTerminated += terminated;
        return terminated;
    }

    private void countDuplicates() {
        Map<String, Integer> perClaim = new HashMap<>();
        rig.liveInstances().values().forEach(name -> perClaim.merge(name, 1, Integer::sum));
        perClaim.forEach((name, n) -> {
            if (n > 1) {
                duplicated.add(name);
            }
        });
    }

    /** Instances the fake server runs that no live claim holds. */
    private int leaked() {
        Set<String> held = new HashSet<>();
        live.values().forEach(l -> held.add(l.providerId()));
        return (int) rig.liveInstances().keySet().stream().filter(id -> !held.contains(id)).count();
    }
}
