package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.e2e.StartedModule;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.provisioning.kube.SimulatedPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.operator.provisioning.scheduler.SimulatedKubeScheduler;
import dev.ebbflow.operator.provisioning.scheduler.SimulatedPodBinder;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pending pods to Running pods and back through the whole simulated cluster: the simulated scheduler
 * marks them Unschedulable, the provisioner records a NodeClaim, the lifecycle controller launches it
 * on the simulated cloud, its Node registers and is initialized, the simulated scheduler binds the
 * pods, the simulated kubelet heartbeat marks them Running; once the pods are gone, emptiness removes
 * the node.
 */
@EnableKubernetesMockClient(crud = true)
class PendingPodsToRunningTest {

    static KubernetesClient client;
    private final Clock clock = Clock.systemUTC();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private StartedModule provisioning;
    private SimulatedKubeScheduler scheduler;

    @BeforeEach
    void start() {
        // The production assembly, with the simulated evictor (the mock server has no eviction
        // subresource) and short periods; the simulated scheduler stands in for kube-scheduler.
        provisioning = StartedModule.start(new ProvisioningModule("ebbflow-e2e", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(50)),
                LifecycleSettings.defaults(), Duration.ofMillis(500), Duration.ofMillis(300), SimulatedPodEvictor::new)), client, registry, clock);
        scheduler = new SimulatedKubeScheduler(client, new SimulatedPodBinder(client, clock));
        scheduler.start(Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        scheduler.close();
        provisioning.close();
    }

    private static Pod pod(String name, String cpu) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addToTolerations(RealClusterProvisioning.TOLERATE_SIMULATED).addNewContainer().withName("app").withImage("app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity("512Mi"))).endResources().endContainer().endSpec()
                .build();
    }

    @Test
    void pendingPodsGetANodeAndRunAndTheEmptyNodeIsRemoved() {
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
        pool.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        pool.getSpec().getDisruption().setConsolidateAfter("1s");
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
            assertThat(n.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "general").containsEntry(SimulatedNodes.SIMULATED, "true");
            assertThat(n.getSpec().getProviderID()).isEqualTo(claims.get(0).getStatus().getProviderID());
        });
        assertThat(client.pods().inNamespace("default").list().getItems()).extracting(p -> p.getSpec().getNodeName())
                .containsOnly(nodes.get(0).getMetadata().getName());
        // The provisioner counts the claim it made; the lifecycle controller that launches it does not count it again.
        String node = nodes.get(0).getMetadata().getName();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(registry.scrape())
                .contains("karpenter_nodeclaims_created_total{nodepool=\"general\",reason=\"provisioning\"} 1.0")
                .contains("karpenter_nodes_allocatable{")
                .containsPattern("karpenter_nodes_allocatable\\{[^}]*node_name=\"" + node + "\",nodepool=\"general\",resource_type=\"cpu\"")
                .contains("karpenter_cloudprovider_instance_type_offering_price_estimate{")
                .contains("ebbflow_nodeclaims{"));

        client.pods().inNamespace("default").delete();
        // The node stays at least the nomination window after it initialized, then goes as empty.
        Eventually.within(Duration.ofSeconds(45), () -> {
            assertThat(client.nodes().list().getItems()).isEmpty();
            assertThat(client.resources(NodeClaim.class).list().getItems()).isEmpty();
        });
        assertThat(registry.scrape()).contains("karpenter_nodeclaims_created_total{nodepool=\"general\",reason=\"provisioning\"} 1.0")
                .contains("karpenter_nodeclaims_disrupted_total{nodepool=\"general\",reason=\"empty\"} 1.0")
                .contains("karpenter_voluntary_disruption_decisions_total{consolidation_type=\"empty\",decision=\"delete\",reason=\"empty\"} 1.0")
                .doesNotContain("karpenter_nodes_allocatable{");
    }
}
