package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.provisioner.CloudLookup;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
import dev.ebbflow.provisioner.disruption.Drift;
import dev.ebbflow.provisioner.disruption.DriftDisruption;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift as a periodic pass, as Karpenter's drift: every launched claim of a usable pool is checked
 * ({@link Drift#reason}: its pool's template hash changed, its labels no longer satisfy the pool's
 * requirements; else its cloud's {@link CloudProvider#isDrifted}, e.g. its node class changed since
 * launch), and its {@code Drifted} condition set True with that reason or removed. Then
 * {@link DriftDisruption} picks what to disrupt within the {@code Drifted} budgets and
 * {@link DisruptionActions}, shared with consolidation, carries it out replacement first, so that one
 * budget's worth of nodes is replaced at a time. {@code DisruptionBlocked} Events say what holds a
 * drifted node back.
 */
public final class DriftController extends DisruptionPass {

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
    public static final String DISRUPTION_BLOCKED = EmptinessController.DISRUPTION_BLOCKED;
    /**
     * How long the cloud's answer on a claim's drift is reused: asking is a cloud call per claim (two
     * API reads for the simulated cloud), too many to make every pass over a large cluster.
     */
    public static final Duration CLOUD_DRIFT_RECHECK = Duration.ofMinutes(1);

    private record CloudAnswer(Optional<String> reason, Instant at) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DriftController.class);
    private static final String METHOD = DisruptionBudgets.DRIFTED.toLowerCase(Locale.ROOT);

    private final ClaimConditions conditions;
    private final CloudLookup clouds;
    private final KarpenterMetrics metrics;
    private final Map<String, CloudAnswer> cloudAnswers = new HashMap<>();

    public DriftController(DisruptionReader reader, DisruptionActions actions, ClaimConditions conditions, CloudLookup clouds,
                           KarpenterEvents events, KarpenterMetrics metrics, Clock clock) {
        super("drift", reader, actions, events, metrics, clock);
        this.conditions = conditions;
        this.clouds = clouds;
        this.metrics = metrics;
    }

    @Override
    protected DisruptionActions.Step decide(ConsolidationInputs.Read read, Instant now) {
        Map<String, String> drifted = mark(read, now);
        long start = System.nanoTime();
        DriftDisruption.Result result = DriftDisruption.decide(read.input(), drifted);
        metrics.recordDisruptionEvaluation(METHOD, "", Duration.ofNanos(System.nanoTime() - start));
        metrics.setEligibleNodes(METHOD, result.eligible());
        announce(read, result.blocked(), DISRUPTION_BLOCKED, result.budgetBlocked(), DisruptionBudgets.DRIFTED);
        if (result.command().isEmpty()) {
            return DisruptionActions.Step.NOTHING;
        }
        return actions().act(result.command().get(), read, now);
    }

    /** Sets or removes each launched claim's {@code Drifted} condition; returns the drifted ones' reasons by claim name. */
    private Map<String, String> mark(ConsolidationInputs.Read read, Instant now) {
        cloudAnswers.keySet().retainAll(read.claims().keySet());
        Map<String, PoolTemplate> templates = new HashMap<>();
        read.input().pools().forEach(t -> templates.put(t.name(), t));
        Map<String, String> drifted = new LinkedHashMap<>();
        for (NodeClaim claim : read.claims().values()) {
            if (claim.getMetadata().getDeletionTimestamp() != null || claim.getStatus() == null || claim.getStatus().getProviderID() == null) {
                continue;
            }
            String poolName = claim.label(KarpenterLabels.NODE_POOL);
            NodePool pool = read.pools().get(poolName);
            PoolTemplate template = templates.get(poolName);
            if (pool == null || template == null) {
                continue;
            }
            Optional<String> reason = Drift.reason(pool, claim.getMetadata().getAnnotations(), claim.getMetadata().getLabels(),
                    template.nodeRequirements(), null, null).or(() -> cloudDrift(claim, now));
            if (reason.isPresent()) {
                drifted.put(claim.getMetadata().getName(), reason.get());
                conditions.setTrue(claim, ClaimConditions.DRIFTED, reason.get(), message(reason.get()));
            } else {
                conditions.remove(claim, ClaimConditions.DRIFTED);
            }
        }
        return drifted;
    }

    private Optional<String> cloudDrift(NodeClaim claim, Instant now) {
        CloudAnswer known = cloudAnswers.get(claim.getMetadata().getName());
        if (known != null && now.isBefore(known.at().plus(CLOUD_DRIFT_RECHECK))) {
            return known.reason();
        }
        Optional<String> reason = askCloud(claim);
        cloudAnswers.put(claim.getMetadata().getName(), new CloudAnswer(reason, now));
        return reason;
    }

    private Optional<String> askCloud(NodeClaim claim) {
        Optional<CloudProvider> cloud = clouds.find(claim.getSpec().getNodeClassRef());
        if (cloud.isEmpty()) {
            return Optional.empty();
        }
        try {
            return cloud.get().isDrifted(claim);
        } catch (CloudProviderException | RuntimeException e) {
            // A cloud that cannot answer now says nothing: drift is looked at again next pass.
            LOG.debug("nodeclaim {}: drift unknown: {}", claim.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    static String message(String reason) {
        return switch (reason) {
            case Drift.NODEPOOL_DRIFTED -> "the NodePool's template changed since the NodeClaim was made";
            case Drift.REQUIREMENTS_DRIFTED -> "the NodeClaim's labels no longer satisfy the NodePool's requirements";
            case Drift.NODECLASS_DRIFTED -> "the node class changed since the NodeClaim was made";
            default -> "the cloud provider reports drift: " + reason;
        };
    }
}
