package dev.ebbflow.operator.provisioning;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.ControllerModule;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.ahead.PodsAhead;
import dev.ebbflow.operator.ahead.PodsAheadRelay;
import dev.ebbflow.operator.observability.ProvisionAheadMetrics;
import dev.ebbflow.operator.provisioning.ahead.ProvisionAhead;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.PodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.lifecycle.NodeClaimControllers;
import dev.ebbflow.operator.provisioning.disruption.ConsolidationController;
import dev.ebbflow.operator.provisioning.disruption.EmptinessController;
import dev.ebbflow.operator.provisioning.provisioner.NodeProvisioning;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.provisioning.provisioner.Provisioner;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.operator.startup.CrdNames;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodeHeartbeat;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node provisioning as one part of the operator process: the pending-pod watcher and NodePool
 * controller, the NodeClaim lifecycle, termination and emptiness, and the clouds they launch on.
 * Both halves share one {@link KarpenterMetrics} (its meters can be registered once per registry),
 * one {@link CloudProviders} and one Event recorder. Work outside JOSDK's reconcilers (the batching
 * provisioner, emptiness, the simulated nodes' heartbeat) runs through the context's
 * {@link dev.ebbflow.operator.leadership.Leadership} gate: only while this replica holds the Lease.
 */
public final class ProvisioningModule implements ControllerModule {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningModule.class);

    /**
     * How often the background passes run, and how pods are evicted: the Eviction API in a cluster,
     * {@code SimulatedPodEvictor} against the mock API server, which has no eviction subresource.
     */
    public record Settings(ProvisioningSettings provisioning, LifecycleSettings lifecycle, Duration emptinessPeriod,
                           Duration heartbeatPeriod, Function<KubernetesClient, PodEvictor> evictors) {

        public static Settings defaults() {
            return new Settings(ProvisioningSettings.fromEnvironment(System.getenv()), LifecycleSettings.defaults(), EmptinessController.DEFAULT_PERIOD,
                    SimulatedNodeHeartbeat.DEFAULT_PERIOD, EvictionApiPodEvictor::new);
        }
    }

    private final String instance;
    private final Settings settings;
    private ScheduledExecutorService executor;
    private NodeClaimControllers nodeClaims;
    private NodeProvisioning provisioning;
    private ConsolidationController consolidation;
    private SimulatedNodeHeartbeat heartbeat;
    private PodEvictor evictor;
    private final PodsAheadRelay ahead = new PodsAheadRelay();
    private Duration aheadTtl = ProvisionAhead.DEFAULT_TTL;

    /** @param instance this replica's name (the pod name), reported on Events */
    public ProvisioningModule(String instance, Settings settings) {
        this.instance = instance;
        this.settings = settings;
    }

    /**
     * Where the scale loop reports coming replicas (see {@link ProvisionAhead}); reports are dropped until
     * this module runs.
     */
    public PodsAhead podsAhead() {
        return ahead;
    }

    /** How long capacity provisioned ahead waits for its pods ({@link ProvisionAhead#DEFAULT_TTL} by default). */
    public ProvisioningModule withProvisionAheadTtl(Duration ttl) {
        this.aheadTtl = ttl;
        return this;
    }

    @Override
    public String name() {
        return "provisioning";
    }

    @Override
    public Set<String> requiredCrds() {
        return CrdNames.of(NodePool.class, NodeClaim.class, SimulatedNodeClass.class);
    }

    @Override
    public synchronized void register(Operator operator, OperatorContext context) {
        executor = context.leadership().newExecutor("ebbflow-provisioning", 2);
        KarpenterMetrics metrics = new KarpenterMetrics(context.meterRegistry());
        KarpenterEvents events = new KarpenterEvents(context.client(), context.clock(), instance);
        CloudProviders clouds = new CloudProviders().register(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND,
                new SimulatedCloudProvider(context.client(), context.clock(), DelayedTasks.of(executor),
                        new UnavailableOfferings(context.clock()), new SimulatedCapacity()));
        evictor = settings.evictors().apply(context.client());
        provisioning = NodeProvisioning.builder()
                .client(context.client())
                .clouds(clouds::find)
                .metrics(metrics)
                .events(events::record)
                .clock(context.clock())
                .settings(settings.provisioning())
                .leader(context.leadership()::isLeader)
                .build();
        provisioning.register(operator);
        provisioning.start();
        Provisioner provisioner = provisioning.provisioner();
        connectProvisionAhead(context, events);
        nodeClaims = new NodeClaimControllers(context.client(), context.clock(), clouds, evictor, events, metrics, settings.lifecycle(),
                provisioner::nominations);
        nodeClaims.registerWith(operator);
        nodeClaims.startEmptiness(executor, settings.emptinessPeriod());
        consolidation = new ConsolidationController(context.client(), provisioning::snapshot, new PoolCatalogs(clouds::find), events,
                metrics, context.clock(), provisioner::nominations, ConsolidationController.Settings.defaults(settings.lifecycle().nominationWindow())
                .withMinValuesPolicy(settings.provisioning().minValuesPolicy()), new SecureRandom());
        consolidation.start(executor, ConsolidationController.DEFAULT_PERIOD);
        // No kubelet runs on a simulated node: its Lease, Ready heartbeat and pods are kept by us.
        heartbeat = new SimulatedNodeHeartbeat(context.client(), context.clock());
        executor.scheduleAtFixedRate(heartbeat::beat, 0, settings.heartbeatPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connectProvisionAhead(OperatorContext context, KarpenterEvents events) {
        ProvisionAhead provisionAhead = new ProvisionAhead(aheadTtl, () -> provisioning.snapshot().pods(), events::record,
                new ProvisionAheadMetrics(context.meterRegistry()), context.clock(), provisioning::podsExpected);
        provisioning.provisionAhead(provisionAhead);
        ahead.connect(provisionAhead);
    }

    @Override
    public synchronized void close() {
        ahead.disconnect();
        // Readers of the provisioning caches stop before the caches close under them.
        if (consolidation != null) {
            consolidation.close();
        }
        if (nodeClaims != null) {
            nodeClaims.close();
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (provisioning != null) {
            provisioning.close();
        }
        if (evictor instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the pod evictor: {}", e.getMessage());
            }
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
