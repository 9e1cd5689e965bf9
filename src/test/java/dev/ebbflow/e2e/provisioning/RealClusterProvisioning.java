package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.e2e.StartedModule;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The operator's node half running in this JVM against the real control plane, with the simulated
 * cloud, the real Eviction API and no simulated scheduler: kube-scheduler binds, the node lifecycle
 * controller judges the nodes. Every NodePool, SimulatedNodeClass and Node it made is gone after
 * {@link #close()}; the CRDs of {@code crds/} stay installed, as every real-tier class leaves them.
 */
final class RealClusterProvisioning implements AutoCloseable {

    static final String NODE_CLASS = "e2e-provisioning";
    /** Pods that may run on the simulated cloud's nodes say so, as real workloads do not. */
    static final Toleration TOLERATE_SIMULATED = new TolerationBuilder().withKey(SimulatedNodes.SIMULATED)
            .withOperator("Exists").withEffect("NoSchedule").build();

    final KubernetesClient client;
    private final List<String> pools = new ArrayList<>();
    private final StartedModule provisioning;

    private RealClusterProvisioning(KubernetesClient client, ProvisioningModule.DisruptionTimings disruption) {
        this.client = client;
        // Short periods so that the whole path takes seconds: batches close after 500 ms idle, empty
        // nodes go after the pool's consolidateAfter, simulated nodes beat every second.
        provisioning = StartedModule.start(new ProvisioningModule("ebbflow-e2e", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(50)),
                new LifecycleSettings(LifecycleSettings.DEFAULT_LAUNCH_TIMEOUT, LifecycleSettings.DEFAULT_REGISTRATION_TIMEOUT, Duration.ofSeconds(1)),
                Duration.ofMillis(500), Duration.ofSeconds(1), EvictionApiPodEvictor::new).withDisruption(disruption)), client);
    }

    /** Installs the CRDs of {@code crds/} as they are, a SimulatedNodeClass, and starts provisioning. */
    static RealClusterProvisioning start(ControlPlane cp) {
        return start(cp, ProvisioningModule.DisruptionTimings.DEFAULTS);
    }

    /** With drift and consolidation on the timings given. */
    static RealClusterProvisioning start(ControlPlane cp, ProvisioningModule.DisruptionTimings disruption) {
        KubernetesClient client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        RealClusterProvisioning cluster = new RealClusterProvisioning(client, disruption);
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName(NODE_CLASS);
        nodeClass.getSpec().setZones(List.of("zone-a", "zone-b", "zone-c"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(1, 2, 4));
        nodeClass.getSpec().setArchitectures(List.of("amd64"));
        nodeClass.getSpec().setCapacityTypes(List.of("on-demand"));
        nodeClass.getSpec().setBootDelay("1s");
        client.resources(SimulatedNodeClass.class).resource(nodeClass).createOr(r -> r.update());
        return cluster;
    }

    /** A NodePool of the test's SimulatedNodeClass whose empty nodes go after one second; {@code customize} sets the rest. */
    NodePool pool(String name, Consumer<NodePool> customize) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(name);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, NODE_CLASS));
        pool.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        pool.getSpec().getDisruption().setConsolidateAfter("1s");
        customize.accept(pool);
        pools.add(name);
        return client.resources(NodePool.class).resource(pool).create();
    }

    /** A namespace whose default ServiceAccount exists, so that pods can be created in it. */
    String namespace(ControlPlane cp, String prefix) {
        String ns = cp.createNamespace(client, prefix);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(ns).withName("default").get()).isNotNull());
        return ns;
    }

    /** A small pod that tolerates the simulated mark. */
    static PodBuilder pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L).addToTolerations(TOLERATE_SIMULATED)
                .addNewContainer().withName("app").withImage("registry.example.com/app:1").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi"))).endResources().endContainer()
                .endSpec();
    }

    List<Node> nodesOf(String pool) {
        return client.nodes().withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems();
    }

    List<NodeClaim> claimsOf(String pool) {
        return client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems();
    }

    List<Pod> pods(String namespace) {
        return client.pods().inNamespace(namespace).list().getItems();
    }

    /**
     * Deletes the pools (their claims and nodes go with them, drained by the operator), waits until
     * no node or claim of them is left, stops the operator and deletes the node class and the CRDs it installed.
     */
    @Override
    public void close() {
        try {
            for (String pool : pools) {
                client.resources(NodePool.class).withName(pool).delete();
            }
            Eventually.within(Duration.ofSeconds(60), () -> {
                for (String pool : pools) {
                    assertThat(nodesOf(pool)).as("nodes of " + pool).isEmpty();
                    assertThat(claimsOf(pool)).as("claims of " + pool).isEmpty();
                }
            });
        } finally {
            provisioning.close();
            client.resources(SimulatedNodeClass.class).withName(NODE_CLASS).delete();
            client.close();
        }
    }
}
