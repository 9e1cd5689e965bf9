package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.ClaimCluster;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.disruption.Nominations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Karpenter's emptiness disruption as a periodic pass (Karpenter polls every 10 s): for every
 * NodePool, {@link Emptiness} picks the empty nodes to remove within the budgets and this deletes
 * their NodeClaims (termination does the rest), with a {@code DisruptionTerminating} Event, or a
 * {@code DisruptionBlocked} Event when a budget holds a node back. Nodes the provisioner nominated
 * pods to within the nomination window are left alone. A NodePool whose disruption
 * settings cannot be read gets a Warning Event naming the field and is skipped; the others go on.
 */
public final class EmptinessController implements AutoCloseable {

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    public static final String DISRUPTION_TERMINATING = "DisruptionTerminating";
    public static final String DISRUPTION_BLOCKED = "DisruptionBlocked";
    public static final String INVALID_DISRUPTION = "InvalidDisruption";

    private static final String METHOD = DisruptionBudgets.EMPTY.toLowerCase(Locale.ROOT);
    private static final Logger LOG = LoggerFactory.getLogger(EmptinessController.class);

    private final KubernetesClient client;
    private final ClaimCluster cluster;
    private final KarpenterEvents events;
    private final Clock clock;
    private final KarpenterMetrics metrics;
    private final Duration nominationWindow;
    private final Supplier<Nominations> nominations;
    private final ClaimConditions conditions;
    private final PeriodicPass pass = new PeriodicPass("emptiness", this::runOnce);

    /** @param nominations where the provisioner last nominated pods, read at each pass */
    public EmptinessController(KubernetesClient client, ClaimCluster cluster, KarpenterEvents events, KarpenterMetrics metrics, Clock clock,
                               Duration nominationWindow, Supplier<Nominations> nominations) {
        this.metrics = metrics;
        this.nominationWindow = nominationWindow;
        this.nominations = nominations;
        this.client = client;
        this.cluster = cluster;
        this.events = events;
        this.clock = clock;
        this.conditions = new ClaimConditions(client, clock);
    }

    public void start(ScheduledExecutorService executor, Duration period) {
        pass.start(executor, period);
    }

    @Override
    public void close() {
        pass.close();
    }

    /** One pass over every NodePool; returns the claims it deleted. */
    public List<NodeClaim> runOnce() {
        if (!cluster.synced()) {
            LOG.debug("emptiness pass skipped: caches not synced yet");
            return List.of();
        }
        Instant now = clock.instant();
        Nominations nominated = nominations.get();
        Map<String, List<Emptiness.ClaimState>> byPool = new HashMap<>();
        for (NodeClaim claim : cluster.claims()) {
            String pool = claim.label(KarpenterLabels.NODE_POOL);
            if (pool == null) {
                continue;
            }
            Optional<Node> node = cluster.nodeOf(claim);
            byPool.computeIfAbsent(pool, p -> new ArrayList<>()).add(new Emptiness.ClaimState(claim, node.orElse(null),
                    node.map(n -> cluster.podsOn(n.getMetadata().getName())).orElse(List.of())));
        }
        List<NodeClaim> removed = new ArrayList<>();
        int eligible = 0;
        long start = System.nanoTime();
        for (NodePool pool : client.resources(NodePool.class).list().getItems()) {
            List<Emptiness.ClaimState> claims = byPool.getOrDefault(pool.getMetadata().getName(), List.of());
            if (claims.isEmpty()) {
                continue;
            }
            Emptiness.Decision decision;
            try {
                decision = Emptiness.decide(pool, claims, nominated, now, nominationWindow);
            } catch (IllegalArgumentException e) {
                events.warning(pool, INVALID_DISRUPTION, e.getMessage());
                continue;
            }
            eligible += decision.remove().size() + decision.blocked().size();
            for (NodeClaim claim : decision.remove()) {
                conditions.setTrue(claim, ClaimConditions.DISRUPTION_REASON, DisruptionBudgets.EMPTY, "Disrupting: " + DisruptionBudgets.EMPTY + "/Delete");
                if (delete(claim)) {
                    String reason = DisruptionBudgets.EMPTY.toLowerCase(Locale.ROOT);
                    metrics.disruptionDecision("delete", reason, reason);
                    metrics.nodeClaimDisrupted(reason, pool.getMetadata().getName());
                    announce(claim, DISRUPTION_TERMINATING, "Disrupting NodeClaim: " + DisruptionBudgets.EMPTY);
                    removed.add(claim);
                }
            }
            for (NodeClaim claim : decision.blocked()) {
                announce(claim, DISRUPTION_BLOCKED, "No allowed disruptions for disruption reason " + DisruptionBudgets.EMPTY
                        + " due to blocking budget");
            }
        }
        metrics.recordDisruptionEvaluation(METHOD, METHOD, Duration.ofNanos(System.nanoTime() - start));
        metrics.setEligibleNodes(METHOD, eligible);
        return removed;
    }

    /** On the claim and, as Karpenter does, on its Node. */
    private void announce(NodeClaim claim, String reason, String message) {
        events.normal(claim, reason, message);
        cluster.nodeOf(claim).ifPresent(node -> events.normal(node, reason, message));
    }

    private boolean delete(NodeClaim claim) {
        try {
            client.resources(NodeClaim.class).withName(claim.getMetadata().getName()).delete();
            return true;
        } catch (KubernetesClientException e) {
            LOG.warn("deleting empty nodeclaim {} failed: {}", claim.getMetadata().getName(), e.getMessage());
            return false;
        }
    }
}
