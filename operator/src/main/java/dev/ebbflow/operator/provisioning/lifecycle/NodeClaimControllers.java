package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.disruption.EmptinessController;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.MeteredCloud;
import dev.ebbflow.operator.provisioning.kube.PodEvictor;
import dev.ebbflow.operator.provisioning.termination.NodeClaimTerminator;
import dev.ebbflow.provisioner.disruption.Nominations;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The NodeClaim side of node provisioning as one module: the lifecycle/termination reconciler and
 * the emptiness pass. An operator registers it before starting and starts the emptiness pass after:
 * <pre>{@code
 * NodeClaimControllers nodeClaims = new NodeClaimControllers(client, clock, clouds, evictor, events, metrics,
 *         LifecycleSettings.defaults());
 * nodeClaims.registerWith(operator);   // the Operator must be built withUseSSAToPatchPrimaryResource(false)
 * operator.start();
 * nodeClaims.startEmptiness(executor, EmptinessController.DEFAULT_PERIOD);
 * }</pre>
 */
public final class NodeClaimControllers implements AutoCloseable {

    static final Duration DRAIN_RECHECK = Duration.ofSeconds(2);

    private final NodeClaimReconciler reconciler;
    private final EmptinessController emptiness;

    /**
     * @param evictor {@link dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor} in a cluster,
     *                {@link dev.ebbflow.operator.provisioning.kube.SimulatedPodEvictor} on a server without evictions
     */
    public NodeClaimControllers(KubernetesClient client, Clock clock, CloudProviders clouds, PodEvictor evictor,
                                KarpenterEvents events, KarpenterMetrics metrics, LifecycleSettings settings) {
        this(client, clock, clouds, evictor, events, metrics, settings, () -> Nominations.NONE);
    }

    /** @param nominations where the provisioner last nominated pods: emptiness leaves those nodes alone for a while */
    public NodeClaimControllers(KubernetesClient client, Clock clock, CloudProviders clouds, PodEvictor evictor,
                                KarpenterEvents events, KarpenterMetrics metrics, LifecycleSettings settings,
                                Supplier<Nominations> nominations) {
        MeteredCloud meteredCloud = new MeteredCloud(metrics, clock);
        PodActivity podActivity = new PodActivity(clock.instant());
        NodeClaimTerminator terminator = new NodeClaimTerminator(client, clouds, meteredCloud, evictor, events, metrics);
        this.reconciler = new NodeClaimReconciler(clock,
                cluster -> new NodeClaimLifecycle(client, cluster, clouds, meteredCloud, events, metrics, settings, podActivity),
                terminator, podActivity, DRAIN_RECHECK);
        this.emptiness = new EmptinessController(client, reconciler, events, metrics, clock, settings.nominationWindow(), nominations);
    }

    /** Registers the NodeClaim reconciler with the {@code karpenter.sh/termination} finalizer. */
    public void registerWith(Operator operator) {
        operator.register(reconciler, o -> o.withName(NodeClaimLifecycle.CONTROLLER).withFinalizer(NodeClaimTerminator.FINALIZER));
    }

    /** Starts the periodic emptiness pass; call once the operator (and so its informers) started. */
    public void startEmptiness(ScheduledExecutorService executor, Duration period) {
        emptiness.start(executor, period);
    }

    public EmptinessController emptiness() {
        return emptiness;
    }

    @Override
    public void close() {
        emptiness.close();
    }
}
