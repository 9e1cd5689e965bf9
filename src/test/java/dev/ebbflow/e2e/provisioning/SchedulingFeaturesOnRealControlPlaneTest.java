package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pods using each scheduling feature Karpenter supports, provisioned for by Ebbflow and bound by the
 * real kube-scheduler onto the simulated nodes, with the node count Karpenter would make. Every case
 * has its own NodePool (its nodes tainted for that case only, its pods selecting that pool), so all
 * cases run at once in one provisioning batch and none lands on another's nodes.
 */
@ExtendWith(RealControlPlane.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulingFeaturesOnRealControlPlaneTest {

    private static final String CASE_TAINT = "ebbflow.dev/e2e-case";

    /**
     * One feature: its pool, its pods, which of them kube-scheduler must bind, and the number of nodes
     * Karpenter makes for them (its documented behaviour).
     */
    record Case(String name, Consumer<NodePool> pool, List<UnaryOperator<PodBuilder>> pods, int bound, int nodes,
                Consumer<List<Node>> nodesCheck) {

        String poolName() {
            return "e2e-" + name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private RealClusterProvisioning cluster;
    private final Map<String, String> namespaces = new HashMap<>();

    static Stream<Case> cases() {
        return Stream.of(
                // nodeSelector on a well-known label and on a NodePool's own label: one node, labelled as selected.
                new Case("node-selector", pool -> requirements(pool, req("example.com/tier", "In", "gold", "silver")),
                        times(3, p -> p.editSpec().addToNodeSelector(Map.of(KarpenterLabels.ZONE, "zone-b", "example.com/tier", "silver")).endSpec()),
                        3, 1, nodes -> assertThat(nodes).allSatisfy(n -> assertThat(n.getMetadata().getLabels())
                                .containsEntry(KarpenterLabels.ZONE, "zone-b").containsEntry("example.com/tier", "silver"))),
                // Required node affinity narrows the zones: one node, in the only zone left.
                new Case("node-affinity", pool -> { },
                        times(3, p -> p.editSpec().withAffinity(new AffinityBuilder().withNewNodeAffinity()
                                .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm()
                                .addNewMatchExpression().withKey(KarpenterLabels.ZONE).withOperator("NotIn").withValues("zone-a", "zone-b").endMatchExpression()
                                .addNewMatchExpression().withKey(KarpenterLabels.ARCH).withOperator("In").withValues("amd64").endMatchExpression()
                                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build()).endSpec()),
                        3, 1, nodes -> assertThat(nodes).allSatisfy(n -> assertThat(n.getMetadata().getLabels()).containsEntry(KarpenterLabels.ZONE, "zone-c"))),
                // A NodePool taint: its tolerating pods get one node; a pod that does not tolerate it gets none.
                new Case("taints", pool -> pool.getSpec().getTemplate().getSpec().setTaints(new ArrayList<>(List.of(
                        new Taint("NoSchedule", "example.com/dedicated", null, "payments")))),
                        Stream.concat(times(2, p -> p.editSpec().addToTolerations(new TolerationBuilder().withKey("example.com/dedicated")
                                .withOperator("Equal").withValue("payments").withEffect("NoSchedule").build()).endSpec()).stream(),
                                Stream.<UnaryOperator<PodBuilder>>of(p -> p)).toList(),
                        2, 1, nodes -> assertThat(nodes).allSatisfy(n -> assertThat(n.getSpec().getTaints()).extracting(Taint::getKey)
                                .contains("example.com/dedicated"))),
                // Zonal spread, maxSkew 1 over three zones: a node in each.
                new Case("zonal-spread", pool -> { },
                        times(3, p -> spread(p, KarpenterLabels.ZONE)),
                        3, 3, nodes -> assertThat(nodes).extracting(n -> n.getMetadata().getLabels().get(KarpenterLabels.ZONE))
                                .containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c")),
                // Hostname spread, maxSkew 1: a node per pod.
                new Case("hostname-spread", pool -> { }, times(3, p -> spread(p, KarpenterLabels.HOSTNAME)), 3, 3, nodes -> { }),
                // Required pod affinity to a pod of the same batch, on the hostname: all on one node.
                new Case("pod-affinity", pool -> { },
                        Stream.concat(Stream.<UnaryOperator<PodBuilder>>of(p -> p.editMetadata().addToLabels("app", "db").endMetadata()),
                                times(2, p -> p.editSpec().withAffinity(new AffinityBuilder().withNewPodAffinity()
                                        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey(KarpenterLabels.HOSTNAME)
                                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "db").build())
                                        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAffinity().build()).endSpec()).stream()).toList(),
                        3, 1, nodes -> { }),
                // Required pod anti-affinity among the pods, on the hostname: a node per pod.
                new Case("pod-anti-affinity", pool -> { },
                        times(3, p -> p.editMetadata().addToLabels("app", "anti").endMetadata().editSpec().withAffinity(new AffinityBuilder()
                                .withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                                .withTopologyKey(KarpenterLabels.HOSTNAME)
                                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "anti").build())
                                .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build()).endSpec()),
                        3, 3, nodes -> { }),
                // Required pod affinity from pods tried before their target (they are larger): Karpenter
                // retries them once the target is placed, so all share one node.
                new Case("affinity-before-target", pool -> { },
                        Stream.concat(times(2, p -> p.editSpec().editFirstContainer().editResources()
                                        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m")).endResources().endContainer()
                                        .withAffinity(new AffinityBuilder().withNewPodAffinity()
                                        .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey(KarpenterLabels.HOSTNAME)
                                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "target").build())
                                        .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAffinity().build()).endSpec()).stream(),
                                Stream.<UnaryOperator<PodBuilder>>of(p -> p.editMetadata().addToLabels("app", "target").endMetadata())).toList(),
                        3, 1, nodes -> { }),
                // Required pod anti-affinity among the pods, on the zone: a node in each zone.
                new Case("zonal-anti-affinity", pool -> { },
                        times(3, p -> p.editMetadata().addToLabels("app", "zonal-anti").endMetadata().editSpec().withAffinity(new AffinityBuilder()
                                .withNewPodAntiAffinity().addNewRequiredDuringSchedulingIgnoredDuringExecution()
                                .withTopologyKey(KarpenterLabels.ZONE)
                                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "zonal-anti").build())
                                .endRequiredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build()).endSpec()),
                        3, 3, nodes -> assertThat(nodes).extracting(n -> n.getMetadata().getLabels().get(KarpenterLabels.ZONE))
                                .containsExactlyInAnyOrder("zone-a", "zone-b", "zone-c")),
                // The same host port: a node per pod.
                new Case("host-ports", pool -> { },
                        times(3, p -> p.editSpec().editFirstContainer().addNewPort().withContainerPort(8080).withHostPort(8080)
                                .withProtocol("TCP").endPort().endContainer().endSpec()),
                        3, 3, nodes -> { }));
    }

    private static NodeSelectorRequirementWithMinValues req(String key, String op, String... values) {
        return new NodeSelectorRequirementWithMinValues(key, op, List.of(values));
    }

    private static void requirements(NodePool pool, NodeSelectorRequirementWithMinValues... rs) {
        pool.getSpec().getTemplate().getSpec().setRequirements(new ArrayList<>(List.of(rs)));
    }

    private static List<UnaryOperator<PodBuilder>> times(int n, UnaryOperator<PodBuilder> pod) {
        return Collections.nCopies(n, pod);
    }

    private static PodBuilder spread(PodBuilder p, String topologyKey) {
        return p.editMetadata().addToLabels("app", "spread").endMetadata().editSpec().addToTopologySpreadConstraints(
                new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(topologyKey).withWhenUnsatisfiable("DoNotSchedule")
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "spread").build()).build()).endSpec();
    }

    @BeforeAll
    void startAndCreateEveryCase(ControlPlane cp) {
        cluster = RealClusterProvisioning.start(cp);
        List<Case> all = cases().toList();
        for (Case c : all) {
            cluster.pool(c.poolName(), pool -> {
                // Nodes stay for the whole test, so that every node Karpenter would make is counted, even
                // one kube-scheduler leaves empty by binding its pod elsewhere first.
                pool.getSpec().getDisruption().setConsolidateAfter("10m");
                c.pool().accept(pool);
                List<Taint> taints = new ArrayList<>(pool.getSpec().getTemplate().getSpec().getTaints() == null ? List.of()
                        : pool.getSpec().getTemplate().getSpec().getTaints());
                taints.add(new Taint("NoSchedule", CASE_TAINT, null, c.name()));
                pool.getSpec().getTemplate().getSpec().setTaints(taints);
            });
            namespaces.put(c.name(), cluster.namespace(cp, "e2e-" + c.name()));
        }
        for (Case c : all) {
            String ns = namespaces.get(c.name());
            for (int i = 0; i < c.pods().size(); i++) {
                PodBuilder pod = RealClusterProvisioning.pod(ns, c.name() + "-" + i).editSpec()
                        .addToNodeSelector(KarpenterLabels.NODE_POOL, c.poolName())
                        .addToTolerations(new TolerationBuilder().withKey(CASE_TAINT).withOperator("Equal").withValue(c.name())
                                .withEffect("NoSchedule").build()).endSpec();
                cluster.client.pods().resource(c.pods().get(i).apply(pod).build()).create();
            }
        }
        // Every case settles in the same batch; each test then judges its own case, so one that never
        // settles fails alone rather than taking the others with it.
        try {
            Eventually.within(Duration.ofSeconds(60), () -> assertThat(all).allSatisfy(c -> assertThat(bound(c)).hasSize(c.bound())));
        } catch (AssertionError unsettled) {
            // reported by the case's own test below
        }
    }

    private List<Pod> bound(Case c) {
        return cluster.pods(namespaces.get(c.name())).stream().filter(p -> p.getSpec().getNodeName() != null).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kubeSchedulerBindsThePodsOnTheNodesKarpenterWouldMake(Case c) {
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(bound(c)).as("pods bound by kube-scheduler").hasSize(c.bound()));
        List<Node> nodes = cluster.nodesOf(c.poolName());
        assertThat(nodes).as("nodes of " + c.name() + ": " + nodes.stream().map(n -> n.getMetadata().getName()).collect(Collectors.joining(", ")))
                .hasSize(c.nodes());
        assertThat(cluster.claimsOf(c.poolName())).hasSize(c.nodes());
        assertThat(bound(c)).extracting(p -> p.getSpec().getNodeName())
                .allSatisfy(name -> assertThat(nodes).extracting(n -> n.getMetadata().getName()).contains(name));
        c.nodesCheck().accept(nodes);
    }

    @AfterAll
    void cleanUp() {
        if (cluster == null) {
            return;
        }
        try {
            namespaces.values().forEach(ns -> cluster.client.namespaces().withName(ns).delete());
        } finally {
            cluster.close();
        }
    }
}
