package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.provisioner.ClusterSnapshot;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.disruption.Consolidation;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.provisioner.disruption.NodeState;
import dev.ebbflow.provisioner.disruption.Nominations;
import dev.ebbflow.provisioner.scheduling.MinValuesPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consolidation of underutilized nodes as a periodic pass, one action at a time, as Karpenter's
 * disruption controller: read the cluster ({@link DisruptionReader}), let the core decide
 * ({@link Consolidation}), look again {@link Consolidation#VALIDATION_DELAY} later and drop the
 * decision if fresh state disagrees, then act through {@link DisruptionActions}, which drift shares
 * (while it replaces, this pass waits). Each pass also keeps the claims' {@code Consolidatable}
 * condition (True once {@code consolidateAfter} has passed since the last pod moved on or off the
 * node), reports {@code Unconsolidatable} with why a node cannot go and {@code DisruptionBlocked}
 * when a budget holds a candidate back, and the eligible-node, allowed-disruption and evaluation
 * metrics.
 */
public final class ConsolidationController extends DisruptionPass {

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REPLACEMENT_TIMEOUT = Duration.ofMinutes(10);
    public static final String DISRUPTING = DisruptionActions.DISRUPTING;
    public static final String UNCONSOLIDATABLE = "Unconsolidatable";
    public static final String DISRUPTION_BLOCKED = EmptinessController.DISRUPTION_BLOCKED;
    public static final String REPLACEMENT_FAILED = DisruptionActions.REPLACEMENT_FAILED;

    private static final Logger LOG = LoggerFactory.getLogger(ConsolidationController.class);
    private static final String METHOD = DisruptionBudgets.UNDERUTILIZED.toLowerCase(Locale.ROOT);

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

        public Settings withReplacementTimeout(Duration timeout) {
            return new Settings(validationDelay, timeout, nominationWindow, minValuesPolicy, spotToSpot);
        }
    }

    private record Decided(Command command, Instant at) {
    }

    private final ClaimConditions conditions;
    private final KarpenterMetrics metrics;
    private final Settings settings;
    private Decided decided;

    /** With actions of its own, for a process where drift does not run. */
    public ConsolidationController(KubernetesClient client, Supplier<ClusterSnapshot> snapshots, PoolCatalogs catalogs, KarpenterEvents events,
                                   KarpenterMetrics metrics, Clock clock, Supplier<Nominations> nominations, Settings settings,
                                   RandomGenerator random) {
        this(new DisruptionReader(client, snapshots, catalogs, nominations, settings), new DisruptionActions(client, events, metrics,
                new ClaimConditions(client, clock), settings.replacementTimeout(), random), new ClaimConditions(client, clock), events, metrics, clock);
    }

    /** @param actions shared with the drift pass, so that one command runs at a time */
    public ConsolidationController(DisruptionReader reader, DisruptionActions actions, ClaimConditions conditions, KarpenterEvents events,
                                   KarpenterMetrics metrics, Clock clock) {
        super("consolidation", reader, actions, events, metrics, clock);
        this.conditions = conditions;
        this.metrics = metrics;
        this.settings = reader.settings();
    }

    @Override
    protected DisruptionActions.Step decide(ConsolidationInputs.Read read, Instant now) {
        markConsolidatable(read, now);
        if (decided != null) {
            if (now.isBefore(decided.at().plus(settings.validationDelay()))) {
                return DisruptionActions.Step.WAITING;
            }
            Command command = decided.command();
            decided = null;
            Optional<String> stale = Consolidation.validate(command, read.input());
            if (stale.isPresent()) {
                LOG.info("consolidation of {} dropped: {}", command.candidates(), stale.get());
                return DisruptionActions.Step.DROPPED;
            }
            return actions().act(command, read, now);
        }
        Consolidation.Result result = Consolidation.decide(read.input(), (type, took) -> metrics.recordDisruptionEvaluation(METHOD, type, took));
        metrics.setEligibleNodes(METHOD, result.eligible());
        announce(read, result.unconsolidatable(), UNCONSOLIDATABLE, result.budgetBlocked(), DisruptionBudgets.UNDERUTILIZED);
        if (result.command().isEmpty()) {
            return DisruptionActions.Step.NOTHING;
        }
        decided = new Decided(result.command().get(), now);
        return DisruptionActions.Step.DECIDED;
    }

    /** Karpenter's {@code Consolidatable}: initialized, and quiet for the pool's {@code consolidateAfter} (never with {@code Never}). */
    private void markConsolidatable(ConsolidationInputs.Read read, Instant now) {
        for (NodeState n : read.input().claims()) {
            NodeClaim claim = read.claims().get(n.claim());
            DisruptionSettings s = read.input().settings().get(n.nodePool());
            if (claim == null || claim.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (s != null && s.consolidateAfter().isPresent() && n.initializedAt() != null && !now.isBefore(n.quietSince().plus(s.consolidateAfter().get()))) {
                conditions.setTrue(claim, ClaimConditions.CONSOLIDATABLE, ClaimConditions.CONSOLIDATABLE, "");
            } else {
                conditions.remove(claim, ClaimConditions.CONSOLIDATABLE);
            }
        }
    }
}
