package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.e2e.StartedModule;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.SimulatedPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.SlowRequests;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every node of a real cluster does on its own, the simulated nodes do side by side: register once
 * their boot ends, and start the pods bound to them. Here the simulated nodes' API writes each take
 * {@link #SLOW_WRITE}, as on the loaded API server of the latency benchmark (~0.5 s): done a few at a
 * time, registering 15 nodes took up to 10 s after their boot and starting 500 pods 23-33 s there.
 */
@EnableKubernetesMockClient(crud = true)
class SimulatedNodesWorkSideBySideTest {

    private static final Duration SLOW_WRITE = Duration.ofSeconds(3);

    static KubernetesClient client;
    private StartedModule provisioning;

    @BeforeEach
    void clean() {
        client.nodes().delete();
        client.pods().inNamespace("default").delete();
        client.resources(NodeClaim.class).delete();
    }

    @AfterEach
    void stop() {
        if (provisioning != null) {
            provisioning.close();
        }
    }

    /** The production module whose simulated nodes write through a client slow on {@code method} of {@code pathRegex}; the heartbeat beats once an hour. */
    private void start(String method, String pathRegex) {
        provisioning = StartedModule.start(new ProvisioningModule("ebbflow-e2e", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50)),
                LifecycleSettings.defaults(), Duration.ofMinutes(5), Duration.ofHours(1), SimulatedPodEvictor::new))
                .withSimulatedFleetClient(c -> SlowRequests.client(c, method, pathRegex, SLOW_WRITE)), client);
    }

    @Test
    void nodesWhoseBootEndsTogetherRegisterTogether() {
        int nodes = 8;
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("side-by-side");
        nodeClass.getSpec().setZones(List.of("zone-a"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2));
        nodeClass.getSpec().setBootDelay("0s");
        client.resources(SimulatedNodeClass.class).resource(nodeClass).createOr(r -> r.update());
        start("POST", "/api/v1/nodes");

        for (int i = 0; i < nodes; i++) {
            NodeClaim claim = new NodeClaim();
            claim.getMetadata().setName("side-by-side-" + i);
            claim.getMetadata().setLabels(Map.of(KarpenterLabels.NODE_POOL, "side-by-side"));
            claim.getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, "side-by-side"));
            client.resources(NodeClaim.class).resource(claim).create();
        }
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(client.resources(NodeClaim.class).list().getItems()).hasSize(nodes)
                .allSatisfy(c -> assertThat(c.getStatus().getProviderID()).as("launched").isNotNull()));
        long launched = System.nanoTime();

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.nodes().list().getItems()).hasSize(nodes));
        Duration took = Duration.ofNanos(System.nanoTime() - launched);

        // One after the other, or two at a time on shared threads, the last would register 8 or 4 writes after its launch;
        // side by side, one write and what a loaded machine adds to it.
        assertThat(took).as("%d nodes of one %s write each registered after %s", nodes, SLOW_WRITE, took).isLessThan(SLOW_WRITE.multipliedBy(3));
    }

    @Test
    void podsBoundToSimulatedNodesStartTogether() throws InterruptedException {
        int pods = 32;
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("sim-node").endMetadata()
                .withNewSpec().withProviderID(SimulatedNodes.providerId("zone-a", "sim-node")).endSpec().build()).create();
        start("PATCH", "/api/v1/namespaces/default/pods/[^/]+/status");

        // Bound all at once, from threads of the test's own, so that the pods wait on their starts, not on their creation.
        ExecutorService creators = Executors.newFixedThreadPool(pods);
        long created = System.nanoTime();
        try {
            creators.invokeAll(IntStream.range(0, pods).<Callable<Pod>>mapToObj(i -> () -> client.pods().inNamespace("default").resource(
                    new PodBuilder().withNewMetadata().withName("app-" + i).withNamespace("default").endMetadata()
                            .withNewSpec().withNodeName("sim-node").addToTolerations(RealClusterProvisioning.TOLERATE_SIMULATED)
                            .addNewContainer().withName("app").withImage("app:1").endContainer().endSpec().build()).create()).toList());
        } finally {
            creators.shutdownNow();
        }

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.pods().inNamespace("default").list().getItems()).hasSize(pods)
                .allSatisfy(p -> assertThat(phase(p)).isEqualTo("Running")));
        Duration took = Duration.ofNanos(System.nanoTime() - created);

        // Eight at a time, the last of 32 pods would start four writes after they were bound.
        assertThat(took).as("%d pods of one %s write each Running after %s", pods, SLOW_WRITE, took).isLessThan(SLOW_WRITE.multipliedBy(3));
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }
}
