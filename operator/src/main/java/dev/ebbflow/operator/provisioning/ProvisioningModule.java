package dev.ebbflow.operator.provisioning;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.ControllerModule;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.ahead.PodsAhead;
import dev.ebbflow.operator.ahead.PodsAheadRelay;
import dev.ebbflow.operator.kube.KubernetesClients;
import dev.ebbflow.operator.observability.ProvisionAheadMetrics;
import dev.ebbflow.operator.provisioning.ahead.ProvisionAhead;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.garbagecollection.GarbageCollectionController;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.PodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.lifecycle.NodeClaimControllers;
import dev.ebbflow.operator.provisioning.disruption.ClaimConditions;
import dev.ebbflow.operator.provisioning.disruption.ConsolidationController;
import dev.ebbflow.operator.provisioning.disruption.DisruptionActions;
import dev.ebbflow.operator.provisioning.disruption.DisruptionReader;
import dev.ebbflow.operator.provisioning.disruption.DriftController;
import dev.ebbflow.operator.provisioning.disruption.EmptinessController;
import dev.ebbflow.operator.provisioning.provisioner.NodeProvisioning;
import dev.ebbflow.operator.provisioning.provisioner.PoolCatalogs;
import dev.ebbflow.operator.provisioning.provisioner.Provisioner;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.operator.startup.CrdNames;
import dev.ebbflow.provisioner.cloud.CloudProvider;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodeHeartbeat;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * controller, the NodeClaim lifecycle, termination, emptiness, drift, consolidation and garbage collection, and the clouds they launch on.
 * Both halves share one {@link KarpenterMetrics} (its meters can be registered once per registry),
 * one {@link CloudProviders} and one Event recorder. Work outside JOSDK's reconcilers (the batching
 * provisioner, emptiness, the simulated nodes' heartbeat) runs through the context's
 * {@link dev.ebbflow.operator.leadership.Leadership} gate: only while this replica holds the Lease.
 */
public final class ProvisioningModule implements ControllerModule {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningModule.class);

    /**
     * How often the background passes run, how pods are evicted (the Eviction API in a cluster,
     * {@code SimulatedPodEvictor} against the mock API server, which has no eviction subresource), and
     * the cluster's name ({@code --cluster-name}), which the clouds tag instances with and garbage
     * collection tells this cluster's instances by (blank: no instance is garbage-collected).
     */
    public record Settings(ProvisioningSettings provisioning, LifecycleSettings lifecycle, Duration emptinessPeriod,
                           Duration heartbeatPeriod, Function<KubernetesClient, PodEvictor> evictors, DisruptionTimings disruption,
                           String clusterName, Duration garbageCollectionPeriod) {

        public Settings {
            clusterName = clusterName == null ? "" : clusterName.trim();
            if (garbageCollectionPeriod == null || garbageCollectionPeriod.isNegative() || garbageCollectionPeriod.isZero()) {
                throw new IllegalArgumentException("garbageCollectionPeriod must be a positive duration, got " + garbageCollectionPeriod);
            }
        }

        /** With Karpenter's disruption timings, no cluster name, garbage collection every 2 minutes as Karpenter's. */
        public Settings(ProvisioningSettings provisioning, LifecycleSettings lifecycle, Duration emptinessPeriod, Duration heartbeatPeriod,
                        Function<KubernetesClient, PodEvictor> evictors) {
            this(provisioning, lifecycle, emptinessPeriod, heartbeatPeriod, evictors, DisruptionTimings.DEFAULTS, "",
                    GarbageCollectionController.DEFAULT_PERIOD);
        }

        public Settings withDisruption(DisruptionTimings timings) {
            return new Settings(provisioning, lifecycle, emptinessPeriod, heartbeatPeriod, evictors, timings, clusterName, garbageCollectionPeriod);
        }

        public static Settings defaults() {
            return new Settings(ProvisioningSettings.fromEnvironment(System.getenv()), LifecycleSettings.defaults(), EmptinessController.DEFAULT_PERIOD,
                    SimulatedNodeHeartbeat.DEFAULT_PERIOD, EvictionApiPodEvictor::new);
        }

        public Settings withClusterName(String name) {
            return new Settings(provisioning, lifecycle, emptinessPeriod, heartbeatPeriod, evictors, disruption, name, garbageCollectionPeriod);
        }

        public Settings withGarbageCollectionPeriod(Duration period) {
            return new Settings(provisioning, lifecycle, emptinessPeriod, heartbeatPeriod, evictors, disruption, clusterName, period);
        }
    }

    /** How often drift and consolidation look, how long a consolidation decision waits to be validated, how long a replacement may take. */
    public record DisruptionTimings(Duration period, Duration validationDelay, Duration replacementTimeout) {
        public static final DisruptionTimings DEFAULTS = new DisruptionTimings(ConsolidationController.DEFAULT_PERIOD,
                dev.ebbflow.provisioner.disruption.Consolidation.VALIDATION_DELAY, ConsolidationController.DEFAULT_REPLACEMENT_TIMEOUT);
    }

    private final String instance;
    private final Settings settings;
    private ScheduledExecutorService executor;
    private NodeClaimControllers nodeClaims;
    private NodeProvisioning provisioning;
    private ConsolidationController consolidation;
    private DriftController drift;
    private SimulatedNodeHeartbeat heartbeat;
    private GarbageCollectionController garbageCollection;
    private PodEvictor evictor;
    private final java.util.List<CloudRegistration> extraClouds = new java.util.ArrayList<>();
    private final java.util.List<AutoCloseable> closeables = new java.util.ArrayList<>();

    /** A cloud besides the simulated one, built once the module registers, with the leader-only executor for its own passes. */
    public interface CloudFactory {
        CloudProvider create(OperatorContext context, ScheduledExecutorService leaderExecutor);
    }

    private record CloudRegistration(Class<? extends HasMetadata> nodeClass, CloudFactory factory) {
    }

    /**
     * Serves NodeClasses of that kind with the cloud {@code factory} builds; the operator then needs
     * their CRD installed. A cloud that is {@link AutoCloseable} is closed with the module.
     */
    public ProvisioningModule withCloud(Class<? extends HasMetadata> nodeClass, CloudFactory factory) {
        extraClouds.add(new CloudRegistration(nodeClass, factory));
        return this;
    }

    /**
     * How many bound pods the simulated nodes start at the same time. Every node's kubelet starts its pods
     * side by side; 8 at a time, at ~0.5 s per status write on a loaded API server, took 23-33 s to start 500
     * pods in the latency benchmark. The bound keeps a burst from flooding the API server.
     */
    static final int SIMULATED_KUBELET_THREADS = 32;

    /**
     * How many simulated nodes register at the same time once their boot ends: each instance's kubelet
     * registers its own Node. On the module's 2 shared threads, behind its passes, the last of 15 nodes
     * registered 7-10 s after its boot in the latency benchmark.
     */
    static final int SIMULATED_BOOT_THREADS = 8;

    /**
     * The rate limit of the simulated cloud and its nodes' client. A cloud's API and the nodes' kubelets do
     * not spend Karpenter's Kubernetes rate limit, so the simulated ones have a token bucket of their own
     * (their threads bound how many requests are in flight); a kubelet's own default is 50/s, burst 100, per node.
     */
    static final double SIMULATED_FLEET_QPS = 200;
    static final int SIMULATED_FLEET_BURST = 400;

    private final PodsAheadRelay ahead = new PodsAheadRelay();
    private Duration aheadTtl = ProvisionAhead.DEFAULT_TTL;
    private Function<KubernetesClient, KubernetesClient> fleetClients =
            client -> KubernetesClients.withOwnRateLimit(client, SIMULATED_FLEET_QPS, SIMULATED_FLEET_BURST);

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

    /**
     * How the client of the simulated cloud and its nodes (registration, heartbeat, pod starts) is made from the
     * operator's; by default the same cluster with a token bucket of its own. The module closes it.
     */
    public ProvisioningModule withSimulatedFleetClient(Function<KubernetesClient, KubernetesClient> clients) {
        this.fleetClients = clients;
        return this;
    }

    @Override
    public String name() {
        return "provisioning";
    }

    @Override
    public Set<String> requiredCrds() {
        Set<String> crds = new java.util.LinkedHashSet<>(CrdNames.of(NodePool.class, NodeClaim.class, SimulatedNodeClass.class));
        extraClouds.forEach(cloud -> crds.addAll(CrdNames.of(cloud.nodeClass())));
        return crds;
    }

    @Override
    public synchronized void register(Operator operator, OperatorContext context) {
        executor = context.leadership().newExecutor("ebbflow-provisioning", 2);
        KarpenterMetrics metrics = new KarpenterMetrics(context.meterRegistry());
        KarpenterEvents events = new KarpenterEvents(context.client(), context.clock(), instance);
        KubernetesClient fleet = fleetClients.apply(context.client());
        closeables.add(fleet);
        ScheduledExecutorService boots = context.leadership().newExecutor("ebbflow-simulated-boot", SIMULATED_BOOT_THREADS);
        closeables.add(boots::shutdownNow);
        CloudProviders clouds = new CloudProviders().register(SimulatedNodeClass.class,
                new SimulatedCloudProvider(fleet, context.clock(), DelayedTasks.of(boots),
                        new UnavailableOfferings(context.clock()), new SimulatedCapacity(), settings.clusterName()));
        for (CloudRegistration cloud : extraClouds) {
            CloudProvider provider = cloud.factory().create(context, executor);
            clouds.register(cloud.nodeClass(), provider);
            if (provider instanceof AutoCloseable closeable) {
                closeables.add(closeable);
            }
        }
        evictor = settings.evictors().apply(context.client());
        provisioning = NodeProvisioning.builder()
                .client(context.client())
                .clouds(clouds::find)
                .nodeClassTypes(clouds.nodeClassTypes())
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
        DisruptionTimings timings = settings.disruption();
        DisruptionReader reader = new DisruptionReader(context.client(), provisioning::snapshot, new PoolCatalogs(clouds::find),
                provisioner::nominations, ConsolidationController.Settings.defaults(settings.lifecycle().nominationWindow())
                .withMinValuesPolicy(settings.provisioning().minValuesPolicy()).withValidationDelay(timings.validationDelay())
                .withReplacementTimeout(timings.replacementTimeout()));
        ClaimConditions conditions = new ClaimConditions(context.client(), context.clock());
        // One command at a time, drift's or consolidation's: they share the actions.
        DisruptionActions actions = new DisruptionActions(context.client(), events, metrics, conditions, timings.replacementTimeout(), new SecureRandom());
        drift = new DriftController(reader, actions, conditions, clouds::find, events, metrics, context.clock());
        drift.start(executor, timings.period());
        consolidation = new ConsolidationController(reader, actions, conditions, events, metrics, context.clock());
        consolidation.start(executor, timings.period());
        garbageCollection = new GarbageCollectionController(context.client(), clouds, events, metrics, context.clock(), settings.clusterName());
        garbageCollection.start(executor, settings.garbageCollectionPeriod());
        // No kubelet runs on a simulated node: its Lease, Ready heartbeat and pods are kept by us.
        heartbeat = new SimulatedNodeHeartbeat(fleet, context.clock());
        executor.scheduleAtFixedRate(heartbeat::beat, 0, settings.heartbeatPeriod().toMillis(), TimeUnit.MILLISECONDS);
        startPodsWhenBound(context);
    }

    /**
     * A kubelet starts a pod the moment it sees it bound, not at its next heartbeat: each pod the watch
     * shows bound to a simulated node is marked Running at once, on threads of their own so that a burst of
     * bindings never holds up the boots and passes on the shared ones. Every node has its own kubelet, so
     * pods start side by side: one after the other, a loaded API server's ~0.6 s per status write added
     * 6 s to ten pods in the latency benchmark. A pod is queued once however many changes the watch reports
     * before it runs.
     */
    private void startPodsWhenBound(OperatorContext context) {
        ScheduledExecutorService kubelet = context.leadership().newExecutor("ebbflow-simulated-kubelet", SIMULATED_KUBELET_THREADS);
        closeables.add(kubelet::shutdownNow);
        java.util.Set<String> queued = java.util.concurrent.ConcurrentHashMap.newKeySet();
        provisioning.onPod(pod -> {
            String uid = pod.getMetadata().getUid();
            if (context.leadership().isLeader() && SimulatedNodeHeartbeat.awaitsStart(pod, provisioning::node) && queued.add(uid)) {
                kubelet.execute(() -> {
                    try {
                        heartbeat.start(pod, provisioning::node);
                    } finally {
                        queued.remove(uid);
                    }
                });
            }
        });
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
        if (drift != null) {
            drift.close();
        }
        if (garbageCollection != null) {
            garbageCollection.close();
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
        // Last opened, first closed: the threads that use the simulated fleet's client stop before it closes.
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.debug("closing a cloud or the simulated nodes' threads: {}", e.getMessage());
            }
        }
        closeables.clear();
    }
}
