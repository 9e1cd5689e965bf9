package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.provisioner.CloudLookup;
import dev.ebbflow.operator.provisioning.provisioner.NodeProvisioning;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.operator.provisioning.scheduler.SimulatedKubeScheduler;
import dev.ebbflow.operator.provisioning.scheduler.SimulatedPodBinder;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.DelayedTasks;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodeHeartbeat;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pending pods to Running pods through the whole simulated cluster: the simulated scheduler marks
 * them Unschedulable, the provisioner records a NodeClaim, the claim is launched on the simulated
 * cloud, its Node registers, the simulated scheduler binds the pods and the simulated kubelet
 * heartbeat marks them Running.
 */
@EnableKubernetesMockClient(crud = true)
class PendingPodsToRunningTest {

    static KubernetesClient client;
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private Operator operator;
    private NodeProvisioning provisioning;
    private SimulatedKubeScheduler scheduler;
    private SimulatedNodeHeartbeat heartbeat;
    private LaunchStandIn launcher;

    @BeforeEach
    void start() {
        SimulatedCloudProvider cloud = new SimulatedCloudProvider(client, clock, DelayedTasks.of(executor), new UnavailableOfferings(clock),
                new SimulatedCapacity());
        provisioning = NodeProvisioning.builder().client(client).clouds(CloudLookup.only(cloud)).metrics(new KarpenterMetrics(registry))
                .clock(clock).settings(new ProvisioningSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(50)))
                .build();
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false).checkingCRDAndValidateLocalModel(false));
        provisioning.register(operator);
        operator.start();
        provisioning.start();
        scheduler = new SimulatedKubeScheduler(client, new SimulatedPodBinder(client, clock));
        scheduler.start(Duration.ofMillis(200));
        heartbeat = new SimulatedNodeHeartbeat(client, clock);
        heartbeat.start(executor, Duration.ofMillis(300));
        launcher = new LaunchStandIn(client, cloud).start();
    }

    @AfterEach
    void stop() {
        launcher.close();
        heartbeat.close();
        scheduler.close();
        provisioning.close();
        operator.stop();
        executor.shutdownNow();
    }

    private static Pod pod(String name, String cpu) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("512Mi"))).endResources().endContainer().endSpec()
                .build();
    }

    @Test
    void pendingPodsGetANodeAndRun() {
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("default");
        nodeClass.getSpec().setZones(List.of("zone-a"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2, 4, 8));
        nodeClass.getSpec().setBootDelay("300ms");
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
        NodePool pool = new NodePool();
        pool.getMetadata().setName("general");
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, "default"));
        client.resources(NodePool.class).resource(pool).create();
        for (int i = 0; i < 3; i++) {
            client.pods().inNamespace("default").resource(pod("web-" + i, "1")).create();
        }

        Eventually.within(Duration.ofSeconds(30), () -> {
            List<Pod> pods = client.pods().inNamespace("default").list().getItems();
            assertThat(pods).hasSize(3).allSatisfy(p -> {
                assertThat(p.getSpec().getNodeName()).isNotNull();
                assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            });
        });
        List<NodeClaim> claims = client.resources(NodeClaim.class).list().getItems();
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(claims).hasSize(1);
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "general");
            assertThat(n.getSpec().getProviderID()).isEqualTo(claims.get(0).getStatus().getProviderID());
        });
        assertThat(client.pods().inNamespace("default").list().getItems()).extracting(p -> p.getSpec().getNodeName())
                .containsOnly(nodes.get(0).getMetadata().getName());
    }
}
