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
 * the nodes through the Eviction API); a replacement creates the replacement claim and deletes the old
 * ones only once it is initialized. If the replacement fails, is gone before that, or takes longer than
 * the timeout, the old nodes are untainted, their condition removed, and they keep serving. Events,
 * source {@code karpenter}: {@code Disrupting} on the claims and nodes removed,
 * {@code DisruptionReplacementFailed} on those kept.
 */
public final class DisruptionActions {

    public static final String DISRUPTING = "Disrupting";
    public static final String REPLACEMENT_FAILED = "DisruptionReplacementFailed";

    private static final Logger LOG = LoggerFactory.getLogger(DisruptionActions.class);

    /** What a pass did. */
    public enum Step { NOTHING, DECIDED, WAITING, DROPPED, DELETED, LAUNCHED, REPLACED, ABANDONED }

    private record Replacing(Command command, String claim, List<String> nodes, Instant launchedAt) {
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
        NodePool pool = read.pools().get(command.replacement().orElseThrow().nodePool());
        NodeClaim replacement;
        try {
            replacement = client.resources(NodeClaim.class).resource(NodeClaims.of(command.replacement().get(), pool,
                    NodeClaims.name(pool.getMetadata().getName(), random))).create();
        } catch (KubernetesClientException e) {
            LOG.warn("creating the replacement of {} failed: {}", command.candidates(), e.getMessage());
            release(command, nodes);
            return Step.ABANDONED;
        }
        metrics.nodeClaimCreated(command.reason().toLowerCase(Locale.ROOT), pool.getMetadata().getName());
        replacing = new Replacing(command, replacement.getMetadata().getName(), nodes, now);
        LOG.info("replacing {} ({}) with nodeclaim {}", command.candidates(), command.reason(), replacing.claim());
        return Step.LAUNCHED;
    }

    /** Waits for the replacement; removes the old nodes once it is initialized, keeps them if it fails. */
    public synchronized Step advance(Instant now) {
        if (replacing == null) {
            return Step.NOTHING;
        }
        NodeClaim claim = client.resources(NodeClaim.class).withName(replacing.claim()).get();
        if (claim != null && claim.getMetadata().getDeletionTimestamp() == null && NodeClaimConditions.isTrue(claim, NodeClaimStatus.INITIALIZED)) {
            remove(replacing.command(), current(replacing.command()));
            replacing = null;
            return Step.REPLACED;
        }
        boolean gone = claim == null || claim.getMetadata().getDeletionTimestamp() != null;
        if (!gone && now.isBefore(replacing.launchedAt().plus(replacementTimeout))) {
            return Step.WAITING;
        }
        String why = "replacement nodeclaim " + replacing.claim() + (gone ? " is gone before it initialized"
                : " did not initialize within " + replacementTimeout);
        LOG.warn("disruption of {} abandoned: {}", replacing.command().candidates(), why);
        if (!gone) {
            deleteClaim(replacing.claim());
        }
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
                + command.replacement().map(r -> ", replacement " + r.cheapest().name()).orElse("");
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
