package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.disruption.ClaimConditions;
import dev.ebbflow.provisioner.cloud.NodeEdits;
import dev.ebbflow.operator.provisioning.disruption.DisruptionActions;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import dev.ebbflow.operator.provisioning.termination.DrainPlanner;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.provisioner.disruption.Drift;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Disruption on a real control plane, with kube-scheduler binding the moved pods, kube-controller-manager
 * recreating them through their Deployments, the Eviction API draining nodes and the simulated cloud
 * playing the nodes: consolidation merges two half-empty nodes, drift replaces a pool's nodes one
 * budget's worth at a time after a template change, expiration drains and replaces a node, and a
 * replacement that never launches leaves the old node serving, untainted. Short periods and timeouts
 * keep the four under three minutes.
 */
@ExtendWith(RealControlPlane.class)
class DisruptionOnRealControlPlaneTest {

    private static final ProvisioningModule.DisruptionTimings FAST = new ProvisioningModule.DisruptionTimings(Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(15));

    private static RealClusterProvisioning cluster;
    private static String ns;

    @BeforeAll
    static void start(ControlPlane cp) {
        cluster = RealClusterProvisioning.start(cp, FAST);
        ns = cluster.namespace(cp, "e2e-disruption");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            try {
                cluster.client.namespaces().withName(ns).delete();
            } finally {
                cluster.close();
            }
        }
    }

    @Test
    void twoHalfEmptyNodesMergeIntoOne() {
        String pool = "e2e-merge";
        cluster.pool(pool, p -> {
            p.getSpec().getDisruption().setConsolidationPolicy("WhenEmptyOrUnderutilized");
            p.getSpec().getDisruption().setConsolidateAfter("2s");
        });
        deployment("merge-a", pool, 1, spec -> { });
        Node first = awaitValue(Duration.ofSeconds(60), () -> onlyNodeRunning("merge-a"));
        // Held apart while the second pod arrives: the first node refuses it and must not go yet.
        editNode(first.getMetadata().getName(), n -> {
            n.getMetadata().getAnnotations().put("karpenter.sh/do-not-disrupt", "true");
            n.getSpec().getTaints().add(new Taint("NoSchedule", "e2e.ebbflow.dev/hold", null, null));
        });
        deployment("merge-b", pool, 1, spec -> { });
        Node second = awaitValue(Duration.ofSeconds(60), () -> onlyNodeRunning("merge-b"));
        assertThat(second.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
        assertThat(cluster.nodesOf(pool)).hasSize(2);
        editNode(first.getMetadata().getName(), n -> {
            n.getMetadata().getAnnotations().remove("karpenter.sh/do-not-disrupt");
            n.getSpec().getTaints().removeIf(t -> t.getKey().equals("e2e.ebbflow.dev/hold"));
        });

        Instant released = Instant.now();
        Eventually.within(Duration.ofSeconds(60), () -> {
            assertThat(cluster.nodesOf(pool)).hasSize(1);
            assertThat(cluster.claimsOf(pool)).hasSize(1);
            String node = cluster.nodesOf(pool).get(0).getMetadata().getName();
            assertThat(running("merge-a")).extracting(p -> p.getSpec().getNodeName()).containsExactly(node);
            assertThat(running("merge-b")).extracting(p -> p.getSpec().getNodeName()).containsExactly(node);
        });
        System.out.printf("e2e-disruption: two half-empty nodes merged into one in %d ms%n", Duration.between(released, Instant.now()).toMillis());
        deleteDeployments("merge-a", "merge-b");
    }

    @Test
    void aTemplateChangeReplacesThePoolsNodesOneBudgetsWorthAtATime() throws Exception {
        String pool = "e2e-drift";
        cluster.pool(pool, p -> {
            p.getSpec().getDisruption().setConsolidateAfter("Never");
            p.getSpec().getDisruption().setBudgets(List.of(new dev.ebbflow.crds.karpenter.Budget("1")));
        });
        deployment("drift", pool, 2, spec -> spec.setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution().withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector().addToMatchLabels("app", "drift").endLabelSelector().endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity().build()));
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(running("drift")).hasSize(2)
                .extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates());
        Set<String> before = names(cluster.claimsOf(pool));
        String oldHash = cluster.claimsOf(pool).get(0).getMetadata().getAnnotations().get(Drift.NODEPOOL_HASH);
        assertThat(cluster.client.resources(NodePool.class).withName(pool).get().getMetadata().getAnnotations())
                .containsEntry(Drift.NODEPOOL_HASH, oldHash).containsEntry(Drift.NODEPOOL_HASH_VERSION, Drift.HASH_VERSION);

        Set<String> disruptingAtOnce = ConcurrentHashMap.newKeySet();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Map<String, Boolean> disrupting = new ConcurrentHashMap<>();
        Instant changed;
        try (Watch watch = cluster.client.resources(NodeClaim.class).withLabel("karpenter.sh/nodepool", pool).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, NodeClaim claim) {
                boolean now = action != Action.DELETED && (NodeClaimConditions.isTrue(claim, ClaimConditions.DISRUPTION_REASON)
                        || claim.getMetadata().getDeletionTimestamp() != null);
                disrupting.put(claim.getMetadata().getName(), now);
                long count = disrupting.values().stream().filter(b -> b).count();
                mostAtOnce.accumulateAndGet((int) count, Math::max);
                if (now) {
                    disruptingAtOnce.add(claim.getMetadata().getName());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            changed = Instant.now();
            cluster.client.resources(NodePool.class).withName(pool).edit(p -> {
                p.getSpec().getTemplate().setMetadata(new NodeClaimTemplateMetadata());
                p.getSpec().getTemplate().getMetadata().setLabels(Map.of("example.com/release", "2"));
                return p;
            });
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(cluster.claimsOf(pool)).filteredOn(c -> before.contains(c.getMetadata().getName()))
                    .allSatisfy(c -> assertThat(NodeClaimConditions.get(c, ClaimConditions.DRIFTED).orElseThrow().getReason())
                            .isEqualTo(Drift.NODEPOOL_DRIFTED)));
            Eventually.within(Duration.ofSeconds(90), () -> {
                List<NodeClaim> claims = cluster.claimsOf(pool);
                assertThat(names(claims)).doesNotContainAnyElementsOf(before).hasSize(2);
                assertThat(claims).allSatisfy(c -> assertThat(c.getMetadata().getAnnotations().get(Drift.NODEPOOL_HASH)).isNotEqualTo(oldHash));
                assertThat(cluster.nodesOf(pool)).hasSize(2).allSatisfy(n -> assertThat(n.getMetadata().getLabels())
                        .containsEntry("example.com/release", "2"));
                assertThat(running("drift")).hasSize(2).extracting(p -> p.getSpec().getNodeName()).doesNotHaveDuplicates()
                        .allSatisfy(n -> assertThat(names(cluster.nodesOf(pool))).contains(n));
            });
        }
        assertThat(disruptingAtOnce).containsAll(before);
        assertThat(mostAtOnce.get()).as("claims disrupted at once under a budget of 1").isEqualTo(1);
        System.out.printf("e2e-disruption: template change -> both nodes replaced one at a time in %d ms%n",
                Duration.between(changed, Instant.now()).toMillis());
        deleteDeployments("drift");
    }

    @Test
    void anExpiredNodeIsDrainedAndReplaced() {
        String pool = "e2e-expire";
        cluster.pool(pool, p -> {
            p.getSpec().getDisruption().setConsolidateAfter("Never");
            p.getSpec().getTemplate().getSpec().setExpireAfter("20s");
        });
        deployment("expire", pool, 1, spec -> { });
        Node first = awaitValue(Duration.ofSeconds(60), () -> onlyNodeRunning("expire"));
        Instant created = Instant.parse(cluster.claimsOf(pool).get(0).getMetadata().getCreationTimestamp());
        Node next = awaitValue(Duration.ofSeconds(60), () -> {
            assertThat(cluster.client.nodes().withName(first.getMetadata().getName()).get()).isNull();
            Node n = onlyNodeRunning("expire");
            assertThat(n.getMetadata().getName()).isNotEqualTo(first.getMetadata().getName());
            return n;
        });
        System.out.printf("e2e-disruption: node expired after 20s, pod running on its replacement %s %d ms after the claim's creation%n",
                next.getMetadata().getName(), Duration.between(created, Instant.now()).toMillis());
        deleteDeployments("expire");
    }

    @Test
    void aReplacementThatNeverLaunchesLeavesTheOldNodeServingAndUntainted() {
        String pool = "e2e-keep";
        cluster.pool(pool, p -> p.getSpec().getDisruption().setConsolidateAfter("Never"));
        deployment("keep", pool, 1, spec -> { });
        Node old = awaitValue(Duration.ofSeconds(60), () -> onlyNodeRunning("keep"));
        String oldNode = old.getMetadata().getName();
        String oldClaim = cluster.claimsOf(pool).get(0).getMetadata().getName();
        // What the old node and claim went through: tainted then untainted, marked then unmarked, never deleted.
        List<String> history = java.util.Collections.synchronizedList(new ArrayList<>());
        annotateNodeClass(Map.of(SimulatedCloudProvider.FAIL_LAUNCHES_ANNOTATION, "no capacity in this test"));
        try (Watch nodes = cluster.client.nodes().withName(oldNode).watch(recorder(history, n -> "tainted=" + tainted(n)));
             Watch claims = cluster.client.resources(NodeClaim.class).withName(oldClaim).watch(recorder(history, c -> "marked="
                     + NodeClaimConditions.isTrue(c, ClaimConditions.DISRUPTION_REASON) + (c.getMetadata().getDeletionTimestamp() == null ? "" : " deleting"))))  {
            cluster.client.resources(NodePool.class).withName(pool).edit(p -> {
                p.getSpec().getTemplate().setMetadata(new NodeClaimTemplateMetadata());
                p.getSpec().getTemplate().getMetadata().setLabels(Map.of("example.com/release", "2"));
                return p;
            });
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(history).contains("tainted=true", "marked=true"));
            Instant tainted = Instant.now();
            Eventually.within(Duration.ofSeconds(45), () -> assertThat(cluster.client.v1().events().inAnyNamespace().list().getItems())
                    .anySatisfy(e -> {
                        assertThat(e.getInvolvedObject().getName()).isEqualTo(oldClaim);
                        assertThat(e.getReason()).isEqualTo(DisruptionActions.REPLACEMENT_FAILED);
                    }));
            System.out.printf("e2e-disruption: replacement never launched -> old node released after %d ms%n",
                    Duration.between(tainted, Instant.now()).toMillis());
            Eventually.within(Duration.ofSeconds(5), () -> {
                List<String> seen = List.copyOf(history);
                assertThat(seen.subList(seen.indexOf("tainted=true"), seen.size())).contains("tainted=false");
                assertThat(seen.subList(seen.indexOf("marked=true"), seen.size())).contains("marked=false");
                assertThat(seen).noneMatch(h -> h.contains("deleting"));
            });
            // Drift tries again while the cloud still fails; the node serves throughout.
            assertThat(cluster.client.resources(NodeClaim.class).withName(oldClaim).get().getMetadata().getDeletionTimestamp()).isNull();
            assertThat(running("keep")).extracting(p -> p.getSpec().getNodeName()).containsExactly(oldNode);
        } finally {
            annotateNodeClass(null);
        }
        deleteDeployments("keep");
    }

    private static <T> Watcher<T> recorder(List<String> history, java.util.function.Function<T, String> state) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, T object) {
                String now = state.apply(object);
                history.add(now);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
    }

    /** The value once {@code read} returns without failing an assertion. */
    private static <T> T awaitValue(Duration timeout, java.util.function.Supplier<T> read) {
        List<T> got = new ArrayList<>();
        Eventually.within(timeout, () -> got.add(0, read.get()));
        return got.get(0);
    }

    private static void deployment(String app, String pool, int replicas, Consumer<PodSpec> customize) {
        PodSpec spec = RealClusterProvisioning.pod(ns, app).build().getSpec();
        spec.setNodeSelector(Map.of("karpenter.sh/nodepool", pool));
        customize.accept(spec);
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(app).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", app).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", app).endMetadata().withSpec(spec).endTemplate().endSpec().build();
        cluster.client.apps().deployments().inNamespace(ns).resource(d).create();
    }

    private static void deleteDeployments(String... apps) {
        for (String app : apps) {
            cluster.client.apps().deployments().inNamespace(ns).withName(app).delete();
        }
    }

    private static List<Pod> running(String app) {
        return cluster.client.pods().inNamespace(ns).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && "Running".equals(p.getStatus().getPhase())).toList();
    }

    /** The node the app's one pod runs on, once it runs. */
    private static Node onlyNodeRunning(String app) {
        List<Pod> pods = running(app);
        assertThat(pods).hasSize(1);
        Node node = cluster.client.nodes().withName(pods.get(0).getSpec().getNodeName()).get();
        assertThat(node).isNotNull();
        return node;
    }

    /** The operator and the simulated node write the Node too: a conflict is retried on the fresh copy, as they do. */
    private static void editNode(String name, Consumer<Node> change) {
        NodeEdits.edit(cluster.client, name, n -> {
            if (n.getMetadata().getAnnotations() == null) {
                n.getMetadata().setAnnotations(new HashMap<>());
            }
            n.getSpec().setTaints(new ArrayList<>(n.getSpec().getTaints() == null ? List.of() : n.getSpec().getTaints()));
            change.accept(n);
            return n;
        });
    }

    private static boolean tainted(Node n) {
        return n != null && n.getSpec().getTaints() != null && n.getSpec().getTaints().stream().anyMatch(t -> DrainPlanner.DISRUPTED_TAINT_KEY.equals(t.getKey()));
    }

    private static void annotateNodeClass(Map<String, String> annotations) {
        cluster.client.resources(SimulatedNodeClass.class).withName(RealClusterProvisioning.NODE_CLASS).edit(c -> {
            c.getMetadata().setAnnotations(annotations);
            return c;
        });
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> Set<String> names(List<T> objects) {
        Set<String> names = ConcurrentHashMap.newKeySet();
        objects.forEach(o -> names.add(o.getMetadata().getName()));
        return names;
    }
}
