package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.provisioner.ahead.PhantomPods;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import dev.ebbflow.provisioner.scheduling.SchedulingResult;
import dev.ebbflow.provisioner.scheduling.UnschedulablePod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning run: reads the cluster from the caches, asks the scheduling core where the pending
 * pods go, records a NodeClaim for every new machine (launching it is the NodeClaim lifecycle's job,
 * so nothing is ever launched without a claim recorded first), and tells each pod where it should go
 * or why it cannot go anywhere.
 */
public final class Provisioner {

    public static final String CONTROLLER = "provisioner";
    public static final String REASON_PROVISIONING = "provisioning";
    public static final String NOMINATED = "Nominated";
    public static final String FAILED_SCHEDULING = "FailedScheduling";
    public static final String LIMITS_EXCEEDED = "LimitsExceeded";

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final int NAME_ATTEMPTS = 5;
    /**
     * How long a claim this provisioner created counts before the cache shows it. An informer lags by
     * milliseconds; a claim deleted before the cache ever listed it must not be counted for ever.
     */
    static final Duration RECENT_CLAIM_TTL = Duration.ofSeconds(10);
    /** Longer than any nomination window disruption uses. */
    public static final Duration NOMINATIONS_KEPT = Duration.ofMinutes(5);

    private record RecentClaim(NodeClaim claim, Instant createdAt) {
    }

    /** What a run did, for logs and tests. */
    public record Report(List<NodeClaim> created, int nominated, List<UnschedulablePod> unschedulable, Map<String, String> podProblems,
                         Map<String, String> poolProblems, List<String> limitMessages) {
    }

    private final KubernetesClient client;
    private final Supplier<ClusterSnapshot> snapshots;
    private final PoolCatalogs catalogs;
    private final EventRecorder events;
    private final KarpenterMetrics metrics;
    private final Clock clock;
    private final RandomGenerator random;
    // Claims created by earlier runs that the NodeClaim cache may not show yet: without them a run
    // right after another would not see their room and would make the same claims again.
    private final Map<String, RecentClaim> createdNotYetCached = new LinkedHashMap<>();
    private final MinValuesPolicy minValuesPolicy;
    // The pods each NodeClaim was bought or chosen for, by claim name; the next run keeps a pod that
    // is still pending on its claim while the claim is in flight.
    private Map<String, Set<String>> nominations = Map.of();
    // When pods were last nominated to each node and in-flight claim, for disruption to leave them be.
    private final Map<String, Instant> nominatedAt = new ConcurrentHashMap<>();
    private volatile PhantomPods phantomPods = PhantomPods.NONE;

    public Provisioner(KubernetesClient client, Supplier<ClusterSnapshot> snapshots, CloudLookup clouds, EventRecorder events,
                       KarpenterMetrics metrics, Clock clock, RandomGenerator random) {
        this(client, snapshots, clouds, events, metrics, clock, random, MinValuesPolicy.STRICT);
    }

    public Provisioner(KubernetesClient client, Supplier<ClusterSnapshot> snapshots, CloudLookup clouds, EventRecorder events,
                       KarpenterMetrics metrics, Clock clock, RandomGenerator random, MinValuesPolicy minValuesPolicy) {
        this.minValuesPolicy = minValuesPolicy;
        this.client = client;
        this.snapshots = snapshots;
        this.catalogs = new PoolCatalogs(clouds);
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
    }

    /** Adds the pods provisioning ahead expects to every batch, as if they were pending. */
    public void provisionAhead(PhantomPods phantoms) {
        this.phantomPods = phantoms;
    }

    public synchronized Report provision() {
        ClusterSnapshot snapshot = withRecentClaims(snapshots.get());
        List<SchedulablePod> phantoms = phantomPods.phantoms(snapshot.pods(), clock.instant());
        Map<String, PoolCatalog> poolCatalogs = new HashMap<>();
        for (NodePool pool : snapshot.nodePools()) {
            poolCatalogs.put(pool.getMetadata().getName(), catalogs.of(pool));
        }
        PreparedRun run = SchedulingInputs.prepare(snapshot, poolCatalogs, minValuesPolicy, nominations, phantoms);
        Map<String, Set<String>> next = new HashMap<>();
        run.keptNominations().forEach((claim, pods) -> next.put(claim, new HashSet<>(pods)));
        nominations = next;
        run.podProblems().forEach((key, problem) -> warnPod(key, problem, snapshot));
        if (run.input().pods().isEmpty()) {
            phantomPods.placed(next, List.of(), List.of());
            return new Report(List.of(), 0, List.of(), run.podProblems(), run.poolProblems(), List.of());
        }
        metrics.setSchedulerQueueDepth(CONTROLLER, run.input().pods().size());
        Instant start = clock.instant();
        SchedulingResult result = Scheduler.provision(run.input());
        metrics.recordSchedulingDuration(CONTROLLER, Duration.between(start, clock.instant()));
        List<NodeClaim> created = new ArrayList<>();
        int nominated = 0;
        for (NewClaim claim : result.newClaims()) {
            NodeClaim nodeClaim = create(claim, run.usablePools().get(claim.nodePool()));
            if (nodeClaim == null) {
                continue;
            }
            created.add(nodeClaim);
            for (SchedulablePod pod : claim.pods()) {
                nominated += nominate(run, pod, "nodeclaim/" + nodeClaim.getMetadata().getName());
                next.computeIfAbsent(nodeClaim.getMetadata().getName(), n -> new HashSet<>()).add(pod.key());
            }
        }
        for (Placement p : result.onExistingNodes()) {
            nominated += nominate(run, p.pod(), "node/" + p.target());
        }
        for (Placement p : result.onInFlightClaims()) {
            nominated += nominate(run, p.pod(), "nodeclaim/" + p.target());
            next.computeIfAbsent(p.target(), n -> new HashSet<>()).add(p.pod().key());
        }
        Instant nominatedNow = clock.instant();
        next.keySet().forEach(claim -> nominatedAt.put(claim, nominatedNow));
        result.onExistingNodes().forEach(p -> nominatedAt.put(p.target(), nominatedNow));
        for (UnschedulablePod u : result.unschedulable()) {
            Pod pod = run.pendingPods().get(u.pod().key());
            if (pod != null) {
                events.record(pod, EventRecorder.WARNING, FAILED_SCHEDULING, "Failed to schedule pod, " + u.reason());
            }
        }
        for (String message : result.limitMessages()) {
            NodePool pool = poolOfMessage(run, message);
            if (pool != null) {
                events.record(pool, EventRecorder.WARNING, LIMITS_EXCEEDED, message);
            }
        }
        phantomPods.placed(next, result.onExistingNodes(), created);
        metrics.setSchedulerQueueDepth(CONTROLLER, result.unschedulable().size());
        if (!result.unschedulable().isEmpty()) {
            LOG.info("provisioning: {} of {} pending pods fit nowhere", result.unschedulable().size(), run.input().pods().size());
        }
        return new Report(created, nominated, result.unschedulable(), run.podProblems(), run.poolProblems(), result.limitMessages());
    }

    /** Where this provisioner nominated pods lately (entries older than {@link #NOMINATIONS_KEPT} are dropped). */
    public Nominations nominations() {
        Instant now = clock.instant();
        nominatedAt.values().removeIf(t -> t.isBefore(now.minus(NOMINATIONS_KEPT)));
        return Nominations.withHeld(nominatedAt, phantomPods.holding(now), now);
    }

    private ClusterSnapshot withRecentClaims(ClusterSnapshot snapshot) {
        if (createdNotYetCached.isEmpty()) {
            return snapshot;
        }
        List<NodeClaim> claims = new ArrayList<>(snapshot.nodeClaims());
        for (NodeClaim cached : snapshot.nodeClaims()) {
            createdNotYetCached.remove(cached.getMetadata().getName());
        }
        Instant expired = clock.instant().minus(RECENT_CLAIM_TTL);
        createdNotYetCached.values().removeIf(r -> r.createdAt().isBefore(expired));
        createdNotYetCached.values().forEach(r -> claims.add(r.claim()));
        return new ClusterSnapshot(snapshot.pods(), snapshot.nodes(), claims, snapshot.nodePools(), snapshot.daemonSets());
    }

    /** Records the claim under a fresh name; null (logged) when the API server refused it. */
    private NodeClaim create(NewClaim claim, NodePool pool) {
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            NodeClaim nodeClaim = NodeClaims.of(claim, pool, NodeClaims.name(pool.getMetadata().getName(), random));
            try {
                NodeClaim created = client.resources(NodeClaim.class).resource(nodeClaim).create();
                createdNotYetCached.put(created.getMetadata().getName(), new RecentClaim(created, clock.instant()));
                metrics.nodeClaimCreated(REASON_PROVISIONING, pool.getMetadata().getName());
                LOG.info("created nodeclaim {} for {} pod(s), {} instance type option(s), cheapest {}", created.getMetadata().getName(),
                        claim.pods().size(), claim.options().size(), claim.cheapest().name());
                return created;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    LOG.warn("creating a nodeclaim for nodepool {} failed: {}", pool.getMetadata().getName(), e.getMessage());
                    return null;
                }
            }
        }
        LOG.warn("no free nodeclaim name for nodepool {} after {} attempts", pool.getMetadata().getName(), NAME_ATTEMPTS);
        return null;
    }

    private int nominate(PreparedRun run, SchedulablePod schedulable, String target) {
        Pod pod = run.pendingPods().get(schedulable.key());
        if (pod == null) {
            return 0;
        }
        events.record(pod, EventRecorder.NORMAL, NOMINATED, "Pod should schedule on: " + target);
        return 1;
    }

    private void warnPod(String key, String problem, ClusterSnapshot snapshot) {
        for (Pod pod : snapshot.pods()) {
            if (key.equals(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())) {
                events.record(pod, EventRecorder.WARNING, FAILED_SCHEDULING, "Failed to schedule pod, " + problem);
                return;
            }
        }
    }

    /** The core names the pool first in each limit message: {@code nodepool <name>: limits reached ...}. */
    private static NodePool poolOfMessage(PreparedRun run, String message) {
        for (Map.Entry<String, NodePool> e : run.usablePools().entrySet()) {
            if (message.startsWith("nodepool " + e.getKey() + ":")) {
                return e.getValue();
            }
        }
        return null;
    }
}
