package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.scheduler.SimulatedKubeScheduler;
import dev.ebbflow.operator.provisioning.scheduler.SimulatedPodBinder;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The provisioning side of Ebbflow against the mock API server: the NodePool controller on a JOSDK
 * operator (no server-side apply), the pending-pod watcher with a short batching window, the
 * simulated cloud, and the simulated kube-scheduler that marks pods Unschedulable and binds them.
 */
public final class ProvisioningCluster implements AutoCloseable {

    public final KubernetesClient client;
    public final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final KarpenterMetrics metrics = new KarpenterMetrics(registry);
    public final SimulatedCloudProvider cloud;
    public final NodeProvisioning provisioning;
    public final SimulatedKubeScheduler scheduler;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final Operator operator;

    public ProvisioningCluster(KubernetesClient client) {
        this(client, Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    /**
     * @param nodePoolResync how often NodePools are looked at without an event
     * @param recheck how often pods left pending are looked at again without an event
     */
    public ProvisioningCluster(KubernetesClient client, Duration nodePoolResync, Duration recheck) {
        this.client = client;
        Clock clock = Clock.systemUTC();
        cloud = new SimulatedCloudProvider(client, clock, DelayedTasks.of(executor), new UnavailableOfferings(clock), new SimulatedCapacity());
        provisioning = NodeProvisioning.builder().client(client).clouds(CloudLookup.only(cloud)).metrics(metrics).clock(clock)
                .settings(new ProvisioningSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), recheck, Duration.ofMillis(50)))
                .nodePoolResync(nodePoolResync)
                .nodeClassTypes(List.of(SimulatedNodeClass.class))
                .build();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false).withSSABasedCreateUpdateMatchForDependentResources(false)
                .checkingCRDAndValidateLocalModel(false));
        provisioning.register(operator);
        scheduler = new SimulatedKubeScheduler(client, new SimulatedPodBinder(client, clock));
    }

    public ProvisioningCluster start() {
        operator.start();
        provisioning.start();
        scheduler.start(Duration.ofMillis(200));
        return this;
    }

    /**
     * A SimulatedNodeClass with family c (2 GiB per vCPU), sizes 1 to 16, amd64 and arm64, two zones;
     * its nodes are not marked simulated, so the pods of these tests need not tolerate the mark.
     */
    public void nodeClass(String name) {
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName(name);
        nodeClass.getSpec().setZones(List.of("zone-a", "zone-b"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(1, 2, 4, 8, 16));
        nodeClass.getSpec().setBootDelay("1s");
        nodeClass.getSpec().setMarkSimulated(false);
        client.resources(SimulatedNodeClass.class).resource(nodeClass).createOr(r -> r.update());
    }

    public void apply(NodePool pool) {
        client.resources(NodePool.class).resource(pool).create();
    }

    /** A pod as a user creates it: no status; the simulated scheduler reports it. */
    public void create(Pod pod) {
        pod.setStatus(null);
        client.pods().inNamespace("default").resource(pod).create();
    }

    public List<NodeClaim> claims() {
        return client.resources(NodeClaim.class).list().getItems();
    }

    public List<NodeClaim> claimsOf(String pool) {
        return claims().stream().filter(c -> pool.equals(c.label(KarpenterLabels.NODE_POOL))).toList();
    }

    public NodePool nodePool(String name) {
        return client.resources(NodePool.class).withName(name).get();
    }

    /** Events about one object, by its name and the Event's reason. */
    public List<Event> events(String objectName, String reason) {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> objectName.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    /** Leaves the mock server empty for the next test. */
    public void clear() {
        client.pods().inAnyNamespace().delete();
        client.resources(NodeClaim.class).delete();
        client.resources(NodePool.class).delete();
        client.nodes().delete();
        client.v1().events().inAnyNamespace().delete();
    }

    @Override
    public void close() {
        scheduler.close();
        provisioning.close();
        operator.stop();
        executor.shutdownNow();
    }
}
