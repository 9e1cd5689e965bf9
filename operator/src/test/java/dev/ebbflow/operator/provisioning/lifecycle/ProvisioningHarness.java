package dev.ebbflow.operator.provisioning.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimResources;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.kube.SimulatedPodEvictor;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * An operator running the NodeClaim controllers against a mock API server, with the real simulated
 * cloud whose boots finish when the test runs {@link #tasks}.
 */
final class ProvisioningHarness implements AutoCloseable {

    static final String NODE_CLASS = "default";
    static final String POOL = "default";

    final KubernetesClient client;
    final ManualTasks tasks = new ManualTasks();
    final SimulatedCapacity capacity = new SimulatedCapacity();
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final SimulatedCloudProvider cloud;
    final NodeClaimControllers controllers;
    private final Operator operator;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    static {
        // The mock server logs every request at INFO through java.util.logging.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    }

    ProvisioningHarness(KubernetesClient client, LifecycleSettings settings) {
        this.client = client;
        Clock clock = Clock.systemUTC();
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName(NODE_CLASS);
        nodeClass.getSpec().setZones(List.of("zone-a"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2));
        nodeClass.getSpec().setArchitectures(List.of("amd64"));
        nodeClass.getSpec().setCapacityTypes(List.of("on-demand"));
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
        cloud = new SimulatedCloudProvider(client, clock, tasks, new UnavailableOfferings(clock), capacity);
        CloudProviders clouds = new CloudProviders().register(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, cloud);
        controllers = new NodeClaimControllers(client, clock, clouds, new SimulatedPodEvictor(client),
                new KarpenterEvents(client, clock, "ebbflow-test"), new KarpenterMetrics(registry), settings);
        operator = new Operator(o -> o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false));
        controllers.registerWith(operator);
        operator.start();
    }

    static NodeClaim claim(String name, NodeSelectorRequirementWithMinValues... requirements) {
        NodeClaim claim = new NodeClaim();
        claim.getMetadata().setName(name);
        claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, POOL, "team", "payments"));
        claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, NODE_CLASS));
        claim.getSpec().setRequirements(new ArrayList<>(List.of(requirements)));
        claim.getSpec().setResources(new NodeClaimResources(Map.of("cpu", new Quantity("1"))));
        return claim;
    }

    NodePool nodePool(String name, String policy, String consolidateAfter, String budgetNodes) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(name);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(
                new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, NODE_CLASS));
        pool.getSpec().getDisruption().setConsolidationPolicy(policy);
        pool.getSpec().getDisruption().setConsolidateAfter(consolidateAfter);
        pool.getSpec().getDisruption().setBudgets(List.of(new Budget(budgetNodes)));
        return client.resources(NodePool.class).resource(pool).create();
    }

    NodeClaim create(NodeClaim claim) {
        return client.resources(NodeClaim.class).resource(claim).create();
    }

    NodeClaim get(String name) {
        return client.resources(NodeClaim.class).withName(name).get();
    }

    /** Creates a claim and takes it to Ready: launched, booted, registered, initialized. */
    NodeClaim readyClaim(String name) {
        return readyClaim(claim(name));
    }

    NodeClaim readyClaim(NodeClaim claim) {
        String name = claim.getMetadata().getName();
        create(claim);
        await("claim " + name + " launched", () -> get(name) != null && NodeClaimConditions.isTrue(get(name), "Launched"));
        tasks.runAll();
        await("claim " + name + " ready", () -> NodeClaimConditions.isTrue(get(name), "Ready"));
        return get(name);
    }

    Pod runningPod(String name, String nodeName, Map<String, String> labels) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withLabels(labels).endMetadata()
                .withNewSpec().withNodeName(nodeName).addNewContainer().withName("app").withImage("app:1").endContainer().endSpec()
                .build();
        Pod created = client.pods().inNamespace("default").resource(pod).create();
        created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(Instant.now().toString()).endCondition()
                .build());
        return client.pods().inNamespace("default").resource(created).updateStatus();
    }

    List<Event> karpenterEvents(String involvedName) {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> involvedName.equals(e.getInvolvedObject().getName()))
                .filter(e -> KarpenterEvents.COMPONENT.equals(e.getSource().getComponent()))
                .toList();
    }

    boolean hasEvent(String involvedName, String reason) {
        return karpenterEvents(involvedName).stream().anyMatch(e -> reason.equals(e.getReason()));
    }

    String scrape() {
        return registry.scrape();
    }

    void startEmptiness(Duration period) {
        controllers.startEmptiness(executor, period);
    }

    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // not there yet
            }
            sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        controllers.close();
        executor.shutdownNow();
        operator.stop();
    }
}
