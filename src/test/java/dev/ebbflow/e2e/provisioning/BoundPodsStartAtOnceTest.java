package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.e2e.StartedModule;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.kube.SimulatedPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodeHeartbeat;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A pod bound to a simulated node runs as soon as it is bound, as a kubelet would start it, not at the
 * simulated nodes' next heartbeat (every 10 s by default: up to 10 s added to every pod's start, which
 * the end-to-end latency benchmark showed). Here the heartbeat beats once an hour.
 */
@EnableKubernetesMockClient(crud = true)
class BoundPodsStartAtOnceTest {

    static KubernetesClient client;
    private StartedModule provisioning;

    @AfterEach
    void stop() {
        if (provisioning != null) {
            provisioning.close();
        }
    }

    @Test
    void aPodBoundToASimulatedNodeRunsBeforeTheNextHeartbeat() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("sim-node").endMetadata()
                .withNewSpec().withProviderID(SimulatedNodes.providerId("zone-a", "sim-node")).endSpec().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("other-node").endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/i-123").endSpec().build()).create();
        provisioning = StartedModule.start(new ProvisioningModule("ebbflow-e2e", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50)),
                LifecycleSettings.defaults(), Duration.ofMinutes(5), Duration.ofHours(1), SimulatedPodEvictor::new)), client);
        // The first beat (at the start) has run: the next one is an hour away.
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(client.leases().inNamespace(SimulatedNodeHeartbeat.LEASE_NAMESPACE)
                .withName("sim-node").get()).isNotNull());

        client.pods().inNamespace("default").resource(pod("on-sim", "sim-node")).create();
        client.pods().inNamespace("default").resource(pod("on-other", "other-node")).create();

        Eventually.within(Duration.ofSeconds(5), () -> assertThat(phase("on-sim")).isEqualTo("Running"));
        assertThat(phase("on-other")).as("a pod of another cloud's node is its kubelet's").isNull();
    }

    private static Pod pod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(node).addToTolerations(RealClusterProvisioning.TOLERATE_SIMULATED)
                .addNewContainer().withName("app").withImage("app:1").endContainer().endSpec().build();
    }

    private static String phase(String name) {
        Pod pod = client.pods().inNamespace("default").withName(name).get();
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }
}
