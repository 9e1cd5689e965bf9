package dev.ebbflow.e2e.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateMetadata;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodeHeartbeat;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedNodes;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole provisioning path on a real control plane: pending pods, a NodeClaim, a simulated Node
 * that registers with the taint admission puts on every new Node, renews its Lease, loses that taint
 * through the node lifecycle controller and its startup taint through its simulated agent; the real
 * kube-scheduler binds the pods, the heartbeat marks them Running; once they are deleted the empty
 * node goes. A pod that does not tolerate the simulated mark gets no node.
 */
@ExtendWith(RealControlPlane.class)
class PendingPodsOnRealControlPlaneTest {

    private static final String POOL = "e2e-path";
    private static final Toleration TOLERATE_DEDICATED = new TolerationBuilder().withKey("example.com/dedicated")
            .withOperator("Equal").withValue("checkout").withEffect("NoSchedule").build();

    @Test
    void pendingPodsGetANodeKubeSchedulerBindsThemAndTheEmptyNodeIsRemoved(ControlPlane cp) throws Exception {
        try (RealClusterProvisioning cluster = RealClusterProvisioning.start(cp)) {
            String ns = cluster.namespace(cp, "e2e-path");
            cluster.pool(POOL, pool -> {
                pool.getSpec().getTemplate().setMetadata(new NodeClaimTemplateMetadata());
                pool.getSpec().getTemplate().getMetadata().setLabels(Map.of("example.com/team", "checkout"));
                pool.getSpec().getTemplate().getSpec().setRequirements(List.of(
                        new NodeSelectorRequirementWithMinValues("example.com/tier", "In", List.of("gold")),
                        new NodeSelectorRequirementWithMinValues(KarpenterLabels.OS, "In", List.of("linux"))));
                pool.getSpec().getTemplate().getSpec().setTaints(List.of(new Taint("NoSchedule", "example.com/dedicated", null, "checkout")));
                pool.getSpec().getTemplate().getSpec().setStartupTaints(List.of(new Taint("NoSchedule", "example.com/agent-not-ready", null, null)));
            });
            Set<String> taintsSeen = ConcurrentHashMap.newKeySet();
            Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
            Instant start = Instant.now();
            try (Watch watch = cluster.client.nodes().withLabel(KarpenterLabels.NODE_POOL, POOL).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, Node node) {
                    List<Taint> taints = node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
                    taints.forEach(t -> {
                        taintsSeen.add(t.getKey());
                        firstSeen.putIfAbsent("taint " + t.getKey(), Instant.now());
                    });
                    if (taints.stream().noneMatch(t -> t.getKey().equals("node.kubernetes.io/not-ready"))) {
                        firstSeen.putIfAbsent("not-ready gone", Instant.now());
                    }
                    firstSeen.putIfAbsent("node " + action, Instant.now());
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                for (int i = 0; i < 3; i++) {
                    cluster.client.pods().resource(RealClusterProvisioning.pod(ns, "checkout-" + i).editSpec()
                            .addToTolerations(TOLERATE_DEDICATED).withNodeSelector(Map.of("example.com/tier", "gold")).endSpec().build()).create();
                }
                // Real workload: it tolerates the pool's taint but not the simulated mark.
                Pod real = RealClusterProvisioning.pod(ns, "real-workload").editSpec().withTolerations(TOLERATE_DEDICATED).endSpec().build();
                cluster.client.pods().resource(real).create();

                Eventually.within(Duration.ofSeconds(60), () -> assertThat(cluster.pods(ns)).filteredOn(p -> p.getMetadata().getName().startsWith("checkout-"))
                        .hasSize(3).allSatisfy(p -> {
                            assertThat(p.getSpec().getNodeName()).isNotNull();
                            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
                        }));
                Duration toRunning = Duration.between(start, Instant.now());

                List<Node> nodes = cluster.nodesOf(POOL);
                List<NodeClaim> claims = cluster.claimsOf(POOL);
                assertThat(claims).hasSize(1);
                Node node = nodes.get(0);
                assertThat(nodes).hasSize(1);
                assertThat(cluster.pods(ns)).filteredOn(p -> p.getMetadata().getName().startsWith("checkout-"))
                        .extracting(p -> p.getSpec().getNodeName()).containsOnly(node.getMetadata().getName());
                assertThat(node.getSpec().getProviderID()).isEqualTo(claims.get(0).getStatus().getProviderID());
                assertThat(node.getMetadata().getLabels()).containsEntry("example.com/team", "checkout").containsEntry("example.com/tier", "gold")
                        .containsEntry(SimulatedNodes.SIMULATED, "true").containsEntry(KarpenterLabels.OS, "linux")
                        .containsEntry(KarpenterLabels.REGISTERED, "true").containsEntry(KarpenterLabels.INITIALIZED, "true")
                        .containsKeys(KarpenterLabels.ZONE, KarpenterLabels.INSTANCE_TYPE, KarpenterLabels.CAPACITY_TYPE, KarpenterLabels.ARCH);
                // The taint admission adds to every new Node was there, and the node lifecycle controller took it away.
                assertThat(taintsSeen).contains("node.kubernetes.io/not-ready", "example.com/agent-not-ready");
                assertThat(node.getSpec().getTaints()).extracting(Taint::getKey)
                        .containsExactlyInAnyOrder("example.com/dedicated", SimulatedNodes.SIMULATED);
                NodeCondition ready = node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
                assertThat(ready.getStatus()).isEqualTo("True");

                Lease lease = cluster.client.leases().inNamespace(SimulatedNodeHeartbeat.LEASE_NAMESPACE).withName(node.getMetadata().getName()).get();
                assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(node.getMetadata().getName());
                ZonedDateTime renewed = lease.getSpec().getRenewTime();
                Eventually.within(Duration.ofSeconds(10), () -> assertThat(cluster.client.leases().inNamespace(SimulatedNodeHeartbeat.LEASE_NAMESPACE)
                        .withName(node.getMetadata().getName()).get().getSpec().getRenewTime()).isAfter(renewed));

                // kube-scheduler never put the real workload on the simulated node, and no node was made for it.
                Pod stillPending = cluster.client.pods().inNamespace(ns).withName("real-workload").get();
                assertThat(stillPending.getSpec().getNodeName()).isNull();
                assertThat(stillPending.getStatus().getConditions()).anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("PodScheduled");
                    assertThat(c.getReason()).isEqualTo("Unschedulable");
                });
                assertThat(cluster.claimsOf(POOL)).hasSize(1);
                System.out.printf("e2e-path: pods created -> Node created %s, not-ready taint removed %s, all pods Running %s (ms after creation)%n",
                        ms(start, firstSeen.get("node ADDED")), ms(start, firstSeen.get("not-ready gone")), toRunning.toMillis());

                Instant deleted = Instant.now();
                cluster.client.pods().inNamespace(ns).delete();
                Eventually.within(Duration.ofSeconds(30), () -> {
                    assertThat(cluster.nodesOf(POOL)).isEmpty();
                    assertThat(cluster.claimsOf(POOL)).isEmpty();
                });
                System.out.printf("e2e-path: pods deleted -> empty node and claim gone in %d ms%n", Duration.between(deleted, Instant.now()).toMillis());
            } finally {
                cluster.client.namespaces().withName(ns).delete();
            }
        }
    }

    private static String ms(Instant start, Instant at) {
        return at == null ? "never" : Long.toString(Duration.between(start, at).toMillis());
    }
}
