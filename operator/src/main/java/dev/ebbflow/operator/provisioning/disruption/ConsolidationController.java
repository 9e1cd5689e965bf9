package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.provisioner.ClusterSnapshot;
import dev.ebbflow.operator.provisioning.provisioner.NodeClaims;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalog;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.provisioner.cloud.NodeEdits;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.Consolidation;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consolidation of underutilized nodes as a periodic pass, one action at a time, as Karpenter's
 * disruption controller: read the cluster ({@link ConsolidationInputs}), let the core decide
 * ({@link Consolidation}), look again {@link Consolidation#VALIDATION_DELAY} later and drop the
 * decision if fresh state disagrees, then act. A deletion taints the nodes
 * {@code karpenter.sh/disrupted:NoSchedule} and deletes their claims (termination drains them through
 * the Eviction API). A replacement taints them, creates the replacement claim and deletes them only
 * once it is initialized; if it fails or is gone before that, or takes longer than the timeout, the
 * nodes are untainted and kept. Events, source {@code karpenter}: {@code Disrupting} on the claims and
 * nodes it removes, {@code Unconsolidatable} with why a node cannot go, {@code DisruptionBlocked}
 * when a budget holds a candidate back.
 */
public final class ConsolidationController implements AutoCloseable {

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REPLACEMENT_TIMEOUT = Duration.ofMinutes(10);
    public static final String DISRUPTING = "Disrupting";
    public static final String UNCONSOLIDATABLE = "Unconsolidatable";
    public static final String DISRUPTION_BLOCKED = EmptinessController.DISRUPTION_BLOCKED;
    public static final String REPLACEMENT_FAILED = "DisruptionReplacementFailed";

    private static final Logger LOG = LoggerFactory.getLogger(ConsolidationController.class);

    /** What a pass did. */
    public enum Step { NOTHING, DECIDED, WAITING, DROPPED, DELETED, LAUNCHED, REPLACED, ABANDONED }

    /** Timings; zero delays in tests that need no wait. */
    public record Settings(Duration validationDelay, Duration replacementTimeout, Duration nominationWindow, MinValuesPolicy minValuesPolicy,
                           boolean spotToSpot) {
        public static Settings defaults(Duration nominationWindow) {
            return new Settings(Consolidation.VALIDATION_DELAY, DEFAULT_REPLACEMENT_TIMEOUT, nominationWindow, MinValuesPolicy.STRICT, false);
        }

        public Settings withMinValuesPolicy(MinValuesPolicy policy) {
            return new Settings(validationDelay, replacementTimeout, nominationWindow, policy, spotToSpot);
        }

        public Settings withValidationDelay(Duration delay) {
            return new Settings(delay, replacementTimeout, nominationWindow, minValuesPolicy, spotToSpot);
        }
    }

    private record Decided(Command command, Instant at) {
    }

    private record Replacing(Command command, String claim, List<String> nodes, Instant launchedAt) {
    }

    private final KubernetesClient client;
    private final Supplier<ClusterSnapshot> snapshots;
    private final PoolCatalogs catalogs;
    private final KarpenterEvents events;
    private final Clock clock;
    private final Supplier<Nominations> nominations;
    private final Settings settings;
    private final RandomGenerator random;
    private final KarpenterMetrics metrics;
    private final Map<String, String> announcedWhy = new HashMap<>();
    private Decided decided;
    private Replacing replacing;
    private ScheduledFuture<?> running;

    public ConsolidationController(KubernetesClient client, Supplier<ClusterSnapshot> snapshots, PoolCatalogs catalogs, KarpenterEvents events,
                                   KarpenterMetrics metrics, Clock clock, Supplier<Nominations> nominations, Settings settings,
                                   RandomGenerator random) {
        this.client = client;
        this.metrics = metrics;
        this.snapshots = snapshots;
        this.catalogs = catalogs;
        this.events = events;
        this.clock = clock;
        this.nominations = nominations;
        this.settings = settings;
        this.random = random;
    }

    public synchronized void start(ScheduledExecutorService executor, Duration period) {
        if (running != null) {
            throw new IllegalStateException("consolidation already started");
        }
        running = executor.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                LOG.warn("consolidation pass failed: {}", e.getMessage(), e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.cancel(false);
            running = null;
        }
    }

    public synchronized Step runOnce() {
        Instant now = clock.instant();
        if (replacing != null) {
            return advance(now);
        }
        ConsolidationInputs.Read read = read(now);
        if (decided != null) {
            if (now.isBefore(decided.at().plus(settings.validationDelay()))) {
                return Step.WAITING;
            }
            Command command = decided.command();
            decided = null;
            Optional<String> stale = Consolidation.validate(command, read.input());
            if (stale.isPresent()) {
                LOG.info("consolidation of {} dropped: {}", command.candidates(), stale.get());
                return Step.DROPPED;
            }
            return act(command, read, now);
        }
        Consolidation.Result result = Consolidation.decide(read.input());
        announce(result, read);
        if (result.command().isEmpty()) {
            return Step.NOTHING;
        }
        decided = new Decided(result.command().get(), now);
        return Step.DECIDED;
    }

    private ConsolidationInputs.Read read(Instant now) {
        ClusterSnapshot snapshot = snapshots.get();
        Map<String, PoolCatalog> byPool = new HashMap<>();
        for (NodePool pool : snapshot.nodePools()) {
            byPool.put(pool.getMetadata().getName(), catalogs.of(pool));
        }
        List<PodDisruptionBudget> pdbs = client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems();
        return ConsolidationInputs.read(snapshot, byPool, pdbs, nominations.get(), now, settings.nominationWindow(), settings.minValuesPolicy(),
                settings.spotToSpot());
    }

    private Step act(Command command, ConsolidationInputs.Read read, Instant now) {
        List<String> nodes = new ArrayList<>();
        for (String c : command.candidates()) {
            Node node = read.nodes().get(c);
            if (node != null) {
                nodes.add(node.getMetadata().getName());
                taint(node.getMetadata().getName(), true);
            }
        }
        if (command.decision() == Command.Decision.DELETE) {
            remove(command, read.claims());
            return Step.DELETED;
        }
        NodePool pool = read.pools().get(command.replacement().orElseThrow().nodePool());
        NodeClaim replacement;
        try {
            replacement = client.resources(NodeClaim.class).resource(NodeClaims.of(command.replacement().get(), pool,
                    NodeClaims.name(pool.getMetadata().getName(), random))).create();
        } catch (KubernetesClientException e) {
            LOG.warn("creating the replacement of {} failed: {}", command.candidates(), e.getMessage());
            nodes.forEach(n -> taint(n, false));
            return Step.ABANDONED;
        }
        replacing = new Replacing(command, replacement.getMetadata().getName(), nodes, now);
        LOG.info("replacing {} with nodeclaim {}", command.candidates(), replacing.claim());
        return Step.LAUNCHED;
    }

    /** Waits for the replacement; removes the old nodes once it is initialized, keeps them if it fails. */
    private Step advance(Instant now) {
        NodeClaim claim = client.resources(NodeClaim.class).withName(replacing.claim()).get();
        if (claim != null && claim.getMetadata().getDeletionTimestamp() == null && NodeClaimConditions.isTrue(claim, NodeClaimStatus.INITIALIZED)) {
            Map<String, NodeClaim> old = new HashMap<>();
            for (String c : replacing.command().candidates()) {
                NodeClaim current = client.resources(NodeClaim.class).withName(c).get();
                if (current != null) {
                    old.put(c, current);
                }
            }
            remove(replacing.command(), old);
            replacing = null;
            return Step.REPLACED;
        }
        boolean failed = claim == null || claim.getMetadata().getDeletionTimestamp() != null
                || !now.isBefore(replacing.launchedAt().plus(settings.replacementTimeout()));
        if (!failed) {
            return Step.WAITING;
        }
        String why = "replacement nodeclaim " + replacing.claim() + (claim == null || claim.getMetadata().getDeletionTimestamp() != null
                ? " is gone before it initialized" : " did not initialize within " + settings.replacementTimeout());
        LOG.warn("consolidation of {} abandoned: {}", replacing.command().candidates(), why);
        replacing.nodes().forEach(n -> taint(n, false));
        if (claim != null && claim.getMetadata().getDeletionTimestamp() == null) {
            deleteClaim(replacing.claim());
        }
        for (String c : replacing.command().candidates()) {
            NodeClaim old = client.resources(NodeClaim.class).withName(c).get();
            if (old != null) {
                events.warning(old, REPLACEMENT_FAILED, "Kept: " + why);
            }
        }
        replacing = null;
        return Step.ABANDONED;
    }

    private void remove(Command command, Map<String, NodeClaim> claims) {
        String message = "Disrupting NodeClaim: " + command.reason() + "/" + capitalized(command.decision().label())
                + command.replacement().map(r -> ", replacement " + r.cheapest().name()).orElse("");
        String reason = command.reason().toLowerCase(java.util.Locale.ROOT);
        metrics.disruptionDecision(command.decision().label(), reason, command.consolidationType());
        for (String c : command.candidates()) {
            NodeClaim claim = claims.get(c);
            if (claim == null) {
                continue;
            }
            if (deleteClaim(c)) {
                metrics.nodeClaimDisrupted(reason, claim.getMetadata().getLabels() == null ? ""
                        : claim.getMetadata().getLabels().getOrDefault(dev.ebbflow.crds.karpenter.KarpenterLabels.NODE_POOL, ""));
                events.normal(claim, DISRUPTING, message);
                String nodeName = claim.getStatus() == null ? null : claim.getStatus().getNodeName();
                Node node = nodeName == null ? null : client.nodes().withName(nodeName).get();
                if (node != null) {
                    events.normal(node, DISRUPTING, message);
                }
            }
        }
    }

    /** Unconsolidatable and DisruptionBlocked Events, each once per claim and reason (Karpenter repeats them, deduplicated). */
    private void announce(Consolidation.Result result, ConsolidationInputs.Read read) {
        Map<String, String> now = new HashMap<>(result.unconsolidatable());
        result.budgetBlocked().forEach(c -> now.put(c, "No allowed disruptions for disruption reason Underutilized due to blocking budget"));
        now.forEach((claimName, why) -> {
            if (why.equals(announcedWhy.get(claimName))) {
                return;
            }
            NodeClaim claim = read.claims().get(claimName);
            String reason = result.budgetBlocked().contains(claimName) ? DISRUPTION_BLOCKED : UNCONSOLIDATABLE;
            events.normal(claim, reason, why);
            Node node = read.nodes().get(claimName);
            if (node != null) {
                events.normal(node, reason, why);
            }
        });
        announcedWhy.clear();
        announcedWhy.putAll(now);
    }

    private void taint(String nodeName, boolean on) {
        try {
            NodeEdits.edit(client, nodeName, n -> {
                List<Taint> taints = new ArrayList<>(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints());
                taints.removeIf(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()));
                if (on) {
                    taints.add(new Taint(DrainPlanner.DISRUPTED_TAINT.getEffect(), DrainPlanner.DISRUPTED_TAINT_KEY, null, null));
                }
                n.getSpec().setTaints(taints.isEmpty() ? null : taints);
                return n;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }

    private boolean deleteClaim(String name) {
        try {
            client.resources(NodeClaim.class).withName(name).delete();
            return true;
        } catch (KubernetesClientException e) {
            LOG.warn("deleting nodeclaim {} failed: {}", name, e.getMessage());
            return false;
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
