package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodePoolStatus;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.disruption.PoolHashAnnotations;
import dev.ebbflow.operator.provisioning.provisioner.EventRecorder;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalog;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each NodePool's status: validation and NodeClass conditions (a bad NodePool gets
 * {@code Ready=False} naming the field, and a Warning Event, and never stops the others), the
 * resources and node count of its nodes, and whether its limits are used up; and the
 * {@code karpenter_nodepools_usage} / {@code _limit} gauges; and its template hash annotations, as Karpenter
 * writes them. The status is patched only when it changed.
 * Its nodes' and claims' changes trigger it, and so do the NodeClasses it references (of every
 * watched kind): a pool whose NodeClass was missing or not ready provisions again as soon as the
 * NodeClass appears or is fixed, without waiting for the periodic resync.
 */
@ControllerConfiguration(name = NodePoolReconciler.NAME)
public final class NodePoolReconciler implements Reconciler<NodePool> {

    public static final String NAME = "nodepool";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final PoolCatalogs catalogs;
    private final EventRecorder events;
    private final KarpenterMetrics metrics;
    private final Clock clock;
    private final Duration resync;
    private final List<Class<? extends HasMetadata>> nodeClassTypes;
    private final Runnable becameReady;

    /**
     * @param nodeClassTypes the NodeClass models to watch
     * @param becameReady told when a pool turns Ready, so that pods left pending for want of it are looked at again
     */
    public NodePoolReconciler(PoolCatalogs catalogs, EventRecorder events, KarpenterMetrics metrics, Clock clock, Duration resync,
                              List<Class<? extends HasMetadata>> nodeClassTypes, Runnable becameReady) {
        this.catalogs = catalogs;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
        this.resync = resync;
        this.nodeClassTypes = List.copyOf(nodeClassTypes);
        this.becameReady = becameReady;
    }

    @Override
    public List<EventSource<?, NodePool>> prepareEventSources(EventSourceContext<NodePool> context) {
        List<EventSource<?, NodePool>> sources = new ArrayList<>(List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Node.class, NodePool.class)
                        .withSecondaryToPrimaryMapper(byNodePoolLabel()).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(NodeClaim.class, NodePool.class)
                        .withSecondaryToPrimaryMapper(byNodePoolLabel()).build(), context)));
        nodeClassTypes.forEach(type -> sources.add(nodeClassSource(type, context)));
        return sources;
    }

    private static <R extends HasMetadata> EventSource<R, NodePool> nodeClassSource(Class<R> type, EventSourceContext<NodePool> context) {
        SecondaryToPrimaryMapper<R> referencingPools = nodeClass -> context.getPrimaryCache()
                .list(pool -> NodeClassReferences.references(pool, nodeClass))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, NodePool.class)
                .withSecondaryToPrimaryMapper(referencingPools).build(), context);
    }

    private static <R extends HasMetadata> SecondaryToPrimaryMapper<R> byNodePoolLabel() {
        return r -> {
            Map<String, String> labels = r.getMetadata().getLabels();
            String pool = labels == null ? null : labels.get(KarpenterLabels.NODE_POOL);
            return pool == null ? Set.of() : Set.of(new ResourceID(pool));
        };
    }

    @Override
    public UpdateControl<NodePool> reconcile(NodePool pool, Context<NodePool> context) {
        String name = pool.getMetadata().getName();
        ValidatedNodePool.Result validation = ValidatedNodePool.check(pool);
        PoolCatalog catalog = catalogs.of(pool);
        List<Node> nodes = new ArrayList<>(context.getSecondaryResources(Node.class));
        List<NodeClaim> claims = new ArrayList<>(context.getSecondaryResources(NodeClaim.class));
        NodePoolUsage usage = NodePoolUsage.of(name, nodes, claims, catalog.instanceTypes());
        NodePoolStatus desired = NodePoolStatuses.desired(pool, validation, catalog.ok() ? null : catalog.problem().toString(), catalog.nodeClassFound(),
                usage, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        recordMetrics(name, usage, validation);
        metrics.setOfferingPrices(catalog.instanceTypes());
        reportChanges(pool, pool.getStatus(), desired);
        if (NodePoolStatuses.turnedReady(pool.getStatus(), desired)) {
            becameReady.run();
        }
        UpdateControl<NodePool> control;
        Optional<Map<String, String>> hashed = PoolHashAnnotations.stale(pool);
        if (hashed.isPresent()) {
            NodePool stamped = SERIALIZATION.clone(pool);
            stamped.getMetadata().setAnnotations(hashed.get());
            stamped.setStatus(desired);
            control = UpdateControl.patchResourceAndStatus(stamped);
        } else if (Objects.equals(SERIALIZATION.asJson(pool.getStatus()), SERIALIZATION.asJson(desired))) {
            control = UpdateControl.noUpdate();
        } else {
            NodePool patched = new NodePool();
            patched.setMetadata(pool.getMetadata());
            patched.setStatus(desired);
            control = UpdateControl.patchStatus(patched);
        }
        return control.rescheduleAfter(resync);
    }

    /** A Warning Event when the pool becomes unusable (or why changes) and when it reaches a limit. */
    private void reportChanges(NodePool pool, NodePoolStatus before, NodePoolStatus after) {
        Condition ready = NodePoolStatuses.find(after, NodePoolStatuses.READY);
        Condition wasReady = NodePoolStatuses.find(before, NodePoolStatuses.READY);
        if (!"True".equals(ready.getStatus()) && (wasReady == null || !Objects.equals(wasReady.getMessage(), ready.getMessage())
                || !Objects.equals(wasReady.getStatus(), ready.getStatus()))) {
            Condition cause = "False".equals(NodePoolStatuses.find(after, NodePoolStatuses.VALIDATION_SUCCEEDED).getStatus())
                    ? NodePoolStatuses.find(after, NodePoolStatuses.VALIDATION_SUCCEEDED)
                    : NodePoolStatuses.find(after, NodePoolStatuses.NODE_CLASS_READY);
            events.record(pool, EventRecorder.WARNING, cause.getReason(), ready.getMessage());
        }
        Condition limits = NodePoolStatuses.find(after, NodePoolStatuses.LIMITS_EXCEEDED);
        Condition hadLimits = NodePoolStatuses.find(before, NodePoolStatuses.LIMITS_EXCEEDED);
        if (limits != null && (hadLimits == null || !Objects.equals(hadLimits.getMessage(), limits.getMessage()))) {
            events.record(pool, EventRecorder.WARNING, NodePoolStatuses.LIMITS_EXCEEDED, limits.getMessage());
        }
    }

    private void recordMetrics(String name, NodePoolUsage usage, ValidatedNodePool.Result validation) {
        for (String resource : NodePoolStatuses.SHOWN) {
            metrics.setNodePoolUsage(name, resource, baseUnits(usage.provisioned().milli(resource)));
        }
        if (validation.valid()) {
            validation.pool().limits().milli().forEach((resource, milli) -> metrics.setNodePoolLimit(name, resource, baseUnits(milli)));
        }
    }

    private static double baseUnits(long milli) {
        return milli / 1000.0;
    }
}
