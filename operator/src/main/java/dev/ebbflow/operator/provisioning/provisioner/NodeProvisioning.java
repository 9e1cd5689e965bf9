package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.observability.ProvisioningStateMetrics;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolReconciler;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolStatuses;
import dev.ebbflow.provisioner.ahead.PhantomPods;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The provisioning loop and the NodePool controller, assembled: {@link #register} adds the NodePool
 * reconciler to a JOSDK operator (built without server-side apply), {@link #start} starts the caches
 * and the pending-pod watcher, {@link #close} stops them. Launching the NodeClaims it records is the
 * NodeClaim lifecycle controller's job.
 */
public final class NodeProvisioning implements AutoCloseable {

    public static final Duration DEFAULT_NODEPOOL_RESYNC = Duration.ofMinutes(1);

    /** Required: client, clouds, metrics. */
    public static final class Builder {
        private KubernetesClient client;
        private CloudLookup clouds;
        private KarpenterMetrics metrics;
        private EventRecorder events;
        private Clock clock = Clock.systemUTC();
        private ProvisioningSettings settings = ProvisioningSettings.defaults();
        private BooleanSupplier leader = () -> true;
        private Duration nodePoolResync = DEFAULT_NODEPOOL_RESYNC;
        private List<Class<? extends HasMetadata>> nodeClassTypes = List.of();

        public Builder client(KubernetesClient client) {
            this.client = client;
            return this;
        }

        public Builder clouds(CloudLookup clouds) {
            this.clouds = clouds;
            return this;
        }

        public Builder metrics(KarpenterMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Where Events go; by default straight to the API server with reporting component {@code karpenter}. */
        public Builder events(EventRecorder events) {
            this.events = events;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder settings(ProvisioningSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Whether this replica may provision now (the Lease holder); always, by default. */
        public Builder leader(BooleanSupplier leader) {
            this.leader = leader;
            return this;
        }

        /** The NodeClass models to watch, so that a NodePool notices its NodeClass appear or change at once. */
        public Builder nodeClassTypes(List<Class<? extends HasMetadata>> types) {
            this.nodeClassTypes = List.copyOf(types);
            return this;
        }

        public Builder nodePoolResync(Duration resync) {
            this.nodePoolResync = resync;
            return this;
        }

        public NodeProvisioning build() {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(clouds, "clouds");
            Objects.requireNonNull(metrics, "metrics");
            return new NodeProvisioning(this);
        }
    }

    private final Builder config;
    private final EventRecorder events;
    private final ProvisioningCache cache;
    private final Provisioner provisioner;
    private final PendingPodWatcher watcher;
    private final Runnable fleetMetrics;

    private NodeProvisioning(Builder config) {
        this.config = config;
        this.events = config.events != null ? config.events : new ApiEventRecorder(config.client, config.clock);
        this.cache = new ProvisioningCache(config.client);
        this.provisioner = new Provisioner(config.client, cache::snapshot, config.clouds, events, config.metrics, config.clock, new SecureRandom(),
                config.settings.minValuesPolicy());
        this.watcher = new PendingPodWatcher(cache, provisioner::provision, config.settings, config.clock, config.leader);
        cache.onNodePoolDeleted(pool -> config.metrics.removeNodePool(pool.getMetadata().getName(), NodePoolStatuses.gaugedResources(pool)));
        this.fleetMetrics = config.metrics.observe(new ProvisioningStateMetrics(cache::nodes, cache::nodeClaims, cache::pods, config.clock));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Registers the NodePool controller; call before {@link Operator#start()}. */
    public void register(Operator operator) {
        // A pool that becomes usable (its NodeClass appeared or was fixed) has its pending pods looked at now.
        operator.register(new NodePoolReconciler(new PoolCatalogs(config.clouds), events, config.metrics, config.clock, config.nodePoolResync,
                config.nodeClassTypes, watcher::capacityRemoved));
    }

    /** Starts the informers and the pending-pod watcher. */
    public NodeProvisioning start() {
        cache.start();
        watcher.start();
        return this;
    }

    /** One provisioning run now, outside the batching window (tests, the simulator). */
    public Provisioner provisioner() {
        return provisioner;
    }

    /** Adds provisioning ahead's phantom pods to every batch. */
    public void provisionAhead(PhantomPods phantoms) {
        provisioner.provisionAhead(phantoms);
    }

    /** Opens a batch: provisioning ahead expects more pods. */
    public void podsExpected() {
        watcher.podsExpected();
    }

    /** Hears about every pod added or changed, from the provisioner's pod watch. */
    public void onPod(java.util.function.Consumer<io.fabric8.kubernetes.api.model.Pod> listener) {
        cache.onPod(listener);
    }

    /** The cached Node of that name; null when there is none. */
    public io.fabric8.kubernetes.api.model.Node node(String name) {
        return cache.node(name);
    }

    /** The cluster as the provisioner's caches see it now (disruption reads the same). */
    public ClusterSnapshot snapshot() {
        return cache.snapshot();
    }

    @Override
    public void close() {
        watcher.close();
        fleetMetrics.run();
        cache.close();
    }
}
