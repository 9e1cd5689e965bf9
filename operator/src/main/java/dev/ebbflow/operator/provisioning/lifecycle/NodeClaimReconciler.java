package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.kube.ClaimCluster;
import dev.ebbflow.operator.provisioning.termination.NodeClaimTerminator;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JOSDK shell of a NodeClaim's life: {@link NodeClaimLifecycle} while it lives, and
 * {@link NodeClaimTerminator} once it is deleted, behind the {@code karpenter.sh/termination}
 * finalizer (JOSDK adds it before the first reconcile; register with
 * {@code o -> o.withFinalizer(NodeClaimTerminator.FINALIZER)}, see {@link NodeClaimControllers}).
 * Nodes and pods are watched with informers indexed by provider ID and node name, so a Node
 * appearing or a pod leaving wakes the claim it belongs to.
 */
public final class NodeClaimReconciler implements Reconciler<NodeClaim>, Cleaner<NodeClaim>, ClaimCluster {

    static final String CLAIM_BY_PROVIDER_ID = "claimByProviderID";
    static final String CLAIM_BY_NODE_NAME = "claimByNodeName";
    static final String NODE_BY_PROVIDER_ID = "nodeByProviderID";
    static final String POD_BY_NODE_NAME = "podByNodeName";

    private static final Logger LOG = LoggerFactory.getLogger(NodeClaimReconciler.class);

    private final Clock clock;
    private final Function<ClaimCluster, NodeClaimLifecycle> lifecycleFactory;
    private final NodeClaimTerminator terminator;
    private final PodActivity podActivity;
    private final Duration drainRecheck;
    private volatile NodeClaimLifecycle lifecycle;
    private volatile IndexerResourceCache<NodeClaim> claims;
    private volatile InformerEventSource<Node, NodeClaim> nodes;
    private volatile InformerEventSource<Pod, NodeClaim> pods;

    NodeClaimReconciler(Clock clock, Function<ClaimCluster, NodeClaimLifecycle> lifecycleFactory, NodeClaimTerminator terminator,
                        PodActivity podActivity, Duration drainRecheck) {
        this.clock = clock;
        this.lifecycleFactory = lifecycleFactory;
        this.terminator = terminator;
        this.podActivity = podActivity;
        this.drainRecheck = drainRecheck;
    }

    @Override
    public List<EventSource<?, NodeClaim>> prepareEventSources(EventSourceContext<NodeClaim> context) {
        claims = context.getPrimaryCache();
        claims.addIndexers(Map.of(
                CLAIM_BY_PROVIDER_ID, c -> listOf(NodeClaimLifecycle.providerId(c)),
                CLAIM_BY_NODE_NAME, c -> listOf(c.getStatus() == null ? null : c.getStatus().getNodeName())));
        nodes = new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, NodeClaim.class)
                .withName("nodes")
                .withSecondaryToPrimaryMapper(n -> claimIds(CLAIM_BY_PROVIDER_ID, n.getSpec() == null ? null : n.getSpec().getProviderID()))
                .build(), context);
        nodes.addIndexers(Map.of(NODE_BY_PROVIDER_ID, n -> listOf(n.getSpec() == null ? null : n.getSpec().getProviderID())));
        pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, NodeClaim.class)
                .withName("pods")
                .withSecondaryToPrimaryMapper(p -> claimIds(CLAIM_BY_NODE_NAME, p.getSpec() == null ? null : p.getSpec().getNodeName()))
                .build(), context);
        pods.addIndexers(Map.of(POD_BY_NODE_NAME, p -> listOf(p.getSpec() == null ? null : p.getSpec().getNodeName())));
        lifecycle = lifecycleFactory.apply(this);
        return List.of(nodes, pods);
    }

    @Override
    public UpdateControl<NodeClaim> reconcile(NodeClaim claim, Context<NodeClaim> context) {
        NodeClaimLifecycle.Outcome outcome = lifecycle.reconcile(claim, clock.instant());
        NodeClaim updated = outcome.claim();
        // Only what changed is written, so that a quiet claim costs no API calls.
        UpdateControl<NodeClaim> control;
        if (outcome.labelsChanged()) {
            control = UpdateControl.patchResourceAndStatus(updated);
        } else if (outcome.statusChanged()) {
            control = UpdateControl.patchStatus(updated);
        } else {
            control = UpdateControl.noUpdate();
        }
        outcome.recheckIn().ifPresent(d -> control.rescheduleAfter(Math.max(1, d.toMillis())));
        return control;
    }

    @Override
    public DeleteControl cleanup(NodeClaim claim, Context<NodeClaim> context) {
        Instant now = clock.instant();
        Optional<Node> node = nodeOf(claim);
        List<Pod> onNode = node.map(n -> podsOn(n.getMetadata().getName())).orElse(List.of());
        try {
            NodeClaimTerminator.Result result = terminator.terminate(claim, node.orElse(null), onNode, now);
            if (result.done()) {
                node.ifPresent(n -> podActivity.forget(n.getMetadata().getName()));
                return DeleteControl.defaultDelete();
            }
            LOG.debug("nodeclaim {}: {}", claim.getMetadata().getName(), result.waitingFor());
        } catch (CloudProviderException e) {
            LOG.warn("nodeclaim {}: terminating its instance failed: {}", claim.getMetadata().getName(), e.getMessage());
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(drainRecheck.toMillis());
    }

    @Override
    public List<NodeClaim> claims() {
        return claims == null ? List.of() : claims.list().toList();
    }

    @Override
    public Optional<Node> nodeOf(NodeClaim claim) {
        String providerId = NodeClaimLifecycle.providerId(claim);
        if (providerId == null || nodes == null) {
            return Optional.empty();
        }
        return nodes.byIndex(NODE_BY_PROVIDER_ID, providerId).stream().findFirst();
    }

    @Override
    public List<Pod> podsOn(String nodeName) {
        return pods == null ? List.of() : pods.byIndex(POD_BY_NODE_NAME, nodeName);
    }

    @Override
    public boolean synced() {
        return claims != null && nodes != null && pods != null && synced(claims) && synced(nodes) && synced(pods);
    }

    private static boolean synced(Object cache) {
        if (!(cache instanceof InformerWrappingEventSourceHealthIndicator<?> informers)) {
            return true;
        }
        Map<String, InformerHealthIndicator> indicators = informers.informerHealthIndicators();
        return !indicators.isEmpty() && indicators.values().stream().allMatch(InformerHealthIndicator::hasSynced);
    }

    private Set<ResourceID> claimIds(String index, String key) {
        if (key == null || claims == null) {
            return Set.of();
        }
        return claims.byIndex(index, key).stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static List<String> listOf(String value) {
        return value == null || value.isEmpty() ? List.of() : List.of(value);
    }

}
