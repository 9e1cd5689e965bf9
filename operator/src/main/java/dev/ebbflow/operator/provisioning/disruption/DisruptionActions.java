package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimStatus;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.provisioner.NodeClaims;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.provisioner.cloud.NodeEdits;
import dev.ebbflow.provisioner.disruption.Command;
import dev.ebbflow.provisioner.scheduling.NewClaim;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one disruption command at a time, for drift and consolidation alike, as Karpenter's
 * disruption queue: mark the claims {@code DisruptionReason} and taint their nodes
 * {@code karpenter.sh/disrupted:NoSchedule}; a deletion then deletes the claims (termination drains
 * the nodes through the Eviction API); a replacement first creates every replacement claim (as many as
 * the command holds: drift may need several), then marks and taints the old nodes, and deletes them only
 * once all replacements are initialized. If a replacement cannot be created nothing is tainted; if one
 * fails, is gone before that, or takes longer than the timeout, the others are deleted, the old nodes
 * untainted, their condition removed, and they keep serving. Events,
 * source {@code karpenter}: {@code Disrupting} on the claims and nodes removed,
 * {@code DisruptionReplacementFailed} on those kept.
 */
public final class DisruptionActions {

    public static final String DISRUPTING = "Disrupting";
    public static final String REPLACEMENT_FAILED = "DisruptionReplacementFailed";

    private static final Logger LOG = LoggerFactory.getLogger(DisruptionActions.class);

    /** What a pass did. */
    public enum Step { NOTHING, DECIDED, WAITING, DROPPED, DELETED, LAUNCHED, REPLACED, ABANDONED }

    private record Replacing(Command command, List<String> claims, List<String> nodes, Instant launchedAt) {
    }

    private final KubernetesClient client;
    private final KarpenterEvents events;
    private final KarpenterMetrics metrics;
    private final ClaimConditions conditions;
    private final Duration replacementTimeout;
    private final RandomGenerator random;
    private Replacing replacing;

    public DisruptionActions(KubernetesClient client, KarpenterEvents events, KarpenterMetrics metrics, ClaimConditions conditions,
                             Duration replacementTimeout, RandomGenerator random) {
        this.client = client;
        this.events = events;
        this.metrics = metrics;
        this.conditions = conditions;
        this.replacementTimeout = replacementTimeout;
        this.random = random;
    }

    /** Whether a replacement is under way: no other command starts until it ends. */
    public synchronized boolean busy() {
        return replacing != null;
    }

    public synchronized Step act(Command command, ConsolidationInputs.Read read, Instant now) {
        if (replacing != null) {
            throw new IllegalStateException("a replacement of " + replacing.command().candidates() + " is under way");
        }
        List<String> launched = List.of();
        if (command.decision() == Command.Decision.REPLACE) {
            // Every replacement exists before an old node is tainted: a launch refused leaves them untouched.
            launched = launch(command, read);
            if (launched.isEmpty()) {
                return Step.ABANDONED;
            }
        }
        String decision = command.reason() + "/" + capitalized(command.decision().label());
        List<String> nodes = new ArrayList<>();
        for (String c : command.candidates()) {
            conditions.setTrue(read.claims().get(c), ClaimConditions.DISRUPTION_REASON, command.reason(), "Disrupting: " + decision);
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
        replacing = new Replacing(command, launched, nodes, now);
        LOG.info("replacing {} ({}) with nodeclaim(s) {}", command.candidates(), command.reason(), launched);
        return Step.LAUNCHED;
    }

    /** Creates every replacement claim; none (those made deleted again) when the API server refuses one. */
    private List<String> launch(Command command, ConsolidationInputs.Read read) {
        List<String> created = new ArrayList<>();
        for (NewClaim claim : command.replacements()) {
            NodePool pool = read.pools().get(claim.nodePool());
            try {
                NodeClaim replacement = client.resources(NodeClaim.class).resource(NodeClaims.of(claim, pool,
                        NodeClaims.name(pool.getMetadata().getName(), random))).create();
                created.add(replacement.getMetadata().getName());
                metrics.nodeClaimCreated(command.reason().toLowerCase(Locale.ROOT), pool.getMetadata().getName());
            } catch (KubernetesClientException e) {
                LOG.warn("creating a replacement of {} failed: {}", command.candidates(), e.getMessage());
                created.forEach(this::deleteClaim);
                return List.of();
            }
        }
        return created;
    }

    /** Waits for the replacements; removes the old nodes once all are initialized, keeps them if one fails. */
    public synchronized Step advance(Instant now) {
        if (replacing == null) {
            return Step.NOTHING;
        }
        List<String> gone = new ArrayList<>();
        boolean allInitialized = true;
        for (String name : replacing.claims()) {
            NodeClaim claim = client.resources(NodeClaim.class).withName(name).get();
            if (claim == null || claim.getMetadata().getDeletionTimestamp() != null) {
                gone.add(name);
            } else if (!NodeClaimConditions.isTrue(claim, NodeClaimStatus.INITIALIZED)) {
                allInitialized = false;
            }
        }
        if (gone.isEmpty() && allInitialized) {
            remove(replacing.command(), current(replacing.command()));
            replacing = null;
            return Step.REPLACED;
        }
        if (gone.isEmpty() && now.isBefore(replacing.launchedAt().plus(replacementTimeout))) {
            return Step.WAITING;
        }
        String why = gone.isEmpty() ? "replacement nodeclaim(s) " + replacing.claims() + " did not initialize within " + replacementTimeout
                : "replacement nodeclaim " + gone.get(0) + " is gone before it initialized";
        LOG.warn("disruption of {} abandoned: {}", replacing.command().candidates(), why);
        replacing.claims().stream().filter(c -> !gone.contains(c)).forEach(this::deleteClaim);
        Map<String, NodeClaim> old = release(replacing.command(), replacing.nodes());
        old.values().forEach(c -> events.warning(c, REPLACEMENT_FAILED, "Kept: " + why));
        replacing = null;
        return Step.ABANDONED;
    }

    /** Untaints the nodes and removes the claims' DisruptionReason: they serve on. */
    private Map<String, NodeClaim> release(Command command, List<String> nodes) {
        nodes.forEach(n -> taint(n, false));
        Map<String, NodeClaim> old = current(command);
        old.values().forEach(c -> conditions.remove(c, ClaimConditions.DISRUPTION_REASON));
        return old;
    }

    private Map<String, NodeClaim> current(Command command) {
        Map<String, NodeClaim> old = new HashMap<>();
        for (String c : command.candidates()) {
            NodeClaim current = client.resources(NodeClaim.class).withName(c).get();
            if (current != null) {
                old.put(c, current);
            }
        }
        return old;
    }

    private void remove(Command command, Map<String, NodeClaim> claims) {
        String message = "Disrupting NodeClaim: " + command.reason() + "/" + capitalized(command.decision().label())
                + (command.replacements().isEmpty() ? "" : ", replacement " + String.join(", ", command.replacements().stream()
                        .map(r -> r.cheapest().name()).toList()));
        String reason = command.reason().toLowerCase(Locale.ROOT);
        metrics.disruptionDecision(command.decision().label(), reason, command.consolidationType());
        for (String c : command.candidates()) {
            NodeClaim claim = claims.get(c);
            if (claim == null || !deleteClaim(c)) {
                continue;
            }
            metrics.nodeClaimDisrupted(reason, claim.getMetadata().getLabels() == null ? ""
                    : claim.getMetadata().getLabels().getOrDefault(KarpenterLabels.NODE_POOL, ""));
            events.normal(claim, DISRUPTING, message);
            String nodeName = claim.getStatus() == null ? null : claim.getStatus().getNodeName();
            Node node = nodeName == null ? null : client.nodes().withName(nodeName).get();
            if (node != null) {
                events.normal(node, DISRUPTING, message);
            }
        }
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
