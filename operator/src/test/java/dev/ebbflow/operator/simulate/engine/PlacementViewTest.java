package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.ExistingNode;
import dev.ebbflow.provisioner.scheduling.Placement;
import dev.ebbflow.provisioner.scheduling.SchedulablePod;
import dev.ebbflow.provisioner.scheduling.Scheduler;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementViewTest {

    private final Cluster cluster = new Cluster();

    private Workload workload(String name, String cpu) {
        return new Workload(new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withReplicas(0).endSpec().build(),
                SchedulablePod.simple("default", name, Map.of("app", name), ResourceList.parse(Map.of("cpu", cpu, "memory", "1Gi"))), 0);
    }

    private SimNode node(String name, String cpu) {
        ResourceList r = ResourceList.parse(Map.of("cpu", cpu, "memory", "64Gi", "pods", "110"));
        return cluster.addNode(name, "t", "on-demand", "z", "", 0, r, r, List.of(), Map.of("kubernetes.io/hostname", name), 0, 0);
    }

    @Test
    void withoutInterPodConstraintsNodesShowTheirFreeRoomAndFullOnesAreLeftOut() {
        SimNode full = node("full", "2");
        SimNode roomy = node("roomy", "4");
        cluster.advance(0);
        Workload w = workload("w", "1");
        for (int i = 0; i < 3; i++) {
            cluster.createPod(w, 0);
        }
        List<SimPod> pods = cluster.unboundPods();
        cluster.bind(pods.get(0), full, 0);
        cluster.bind(pods.get(1), full, 0);
        cluster.bind(pods.get(2), roomy, 0);
        Workload next = workload("next", "1");
        for (int i = 0; i < 4; i++) {
            cluster.createPod(next, 0);
        }
        List<SimPod> waiting = cluster.unboundPods();
        List<ExistingNode> compact = PlacementView.readyNodes(cluster, waiting.stream().map(p -> p.schedulable).toList());
        assertThat(compact).singleElement().satisfies(n -> {
            assertThat(n.name()).isEqualTo("roomy");
            assertThat(n.pods()).isEmpty();
            assertThat(n.allocatable().milli("cpu")).isEqualTo(3000);
        });
        // The core binds the same pods to the same nodes with either view.
        List<SchedulablePod> toPlace = waiting.stream().map(p -> p.schedulable).toList();
        List<ExistingNode> full2 = cluster.nodes().stream().map(n -> new ExistingNode(n.name, n.labels, n.taints, n.allocatable,
                cluster.podsOn(n).stream().map(p -> p.schedulable).toList())).toList();
        assertThat(Scheduler.bind(toPlace, compact).bindings()).extracting(Placement::target)
                .isEqualTo(Scheduler.bind(toPlace, full2).bindings().stream().map(Placement::target).toList())
                .hasSize(3);
    }

    @Test
    void aPodWithTopologySpreadSeesEveryBoundPod() {
        node("a", "2");
        cluster.advance(0);
        Workload w = workload("w", "1");
        SimPod bound = cluster.createPod(w, 0);
        cluster.bind(bound, cluster.nodes().get(0), 0);
        SimPod spread = cluster.createPod(w, 0);
        assertThat(PlacementView.needsBoundPods(spread.schedulable)).isFalse();
        SchedulablePod withSpread = spread.schedulable.withSpread(List.of(new dev.ebbflow.provisioner.scheduling.SpreadConstraint(
                "kubernetes.io/hostname", 1, true, dev.ebbflow.provisioner.scheduling.LabelSelector.of(Map.of("app", "w"), List.of()), 1)));
        assertThat(PlacementView.needsBoundPods(withSpread)).isTrue();
        Workload spreading = new Workload(w.deployment, withSpread, 0);
        SimPod waiting = cluster.createPod(spreading, 0);
        assertThat(PlacementView.readyNodes(cluster, List.of(waiting.schedulable))).singleElement().satisfies(n -> {
            assertThat(n.pods()).extracting(SchedulablePod::name).containsExactly(bound.name());
            assertThat(n.allocatable().milli("cpu")).isEqualTo(2000);
        });
    }
}
