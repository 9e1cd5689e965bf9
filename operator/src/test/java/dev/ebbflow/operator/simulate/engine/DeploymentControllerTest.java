package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {

    private final Cluster cluster = new Cluster();
    private final Workload w = new Workload(new DeploymentBuilder().withNewMetadata().withName("w").endMetadata()
            .withNewSpec().withReplicas(0).endSpec().build(),
            SchedulablePod.simple("default", "w", Map.of(), ResourceList.parse(Map.of("cpu", "100m"))), 10_000);

    @Test
    void createsMissingPodsAndDeletesUnscheduledThenStartingThenNewestReadyFirst() {
        SimNode node = cluster.addNode("n", "t", "on-demand", "z", "", 0, ResourceList.parse(Map.of("cpu", "8", "pods", "100")),
                ResourceList.parse(Map.of("cpu", "8", "pods", "100")), List.of(), Map.of(), 0, 0);
        cluster.advance(0);
        w.replicas = 5;
        assertThat(DeploymentController.reconcile(w, cluster, 0)).isTrue();
        assertThat(w.livePods()).isEqualTo(5);
        List<SimPod> pods = List.copyOf(w.pods);
        cluster.bind(pods.get(0), node, 0);      // ready at 10 s
        cluster.bind(pods.get(1), node, 1_000);  // ready at 11 s
        cluster.advance(12_000);
        w.replicas = 6;
        DeploymentController.reconcile(w, cluster, 12_000);
        SimPod newestUnbound = w.pods.get(5);
        cluster.bind(pods.get(2), node, 12_000); // starting, not ready
        assertThat(DeploymentController.victims(w.pods, 6)).containsExactly(
                newestUnbound, pods.get(4), pods.get(3), pods.get(2), pods.get(1), pods.get(0));
        w.replicas = 2;
        DeploymentController.reconcile(w, cluster, 13_000);
        assertThat(w.pods).containsExactly(pods.get(0), pods.get(1));
        assertThat(w.readyPods()).isEqualTo(2);
        assertThat(cluster.unboundCount()).isZero();
        assertThat(DeploymentController.reconcile(w, cluster, 14_000)).isFalse();
    }
}
