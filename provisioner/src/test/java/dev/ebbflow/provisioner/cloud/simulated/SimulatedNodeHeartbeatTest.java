package dev.ebbflow.provisioner.cloud.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class SimulatedNodeHeartbeatTest {

    static KubernetesClient client;
    static KubernetesMockServer server;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualDelayedTasks tasks = new ManualDelayedTasks();
    private SimulatedNodeHeartbeat heartbeat;

    @BeforeEach
    void setUp() throws Exception {
        client.nodes().delete();
        client.pods().inAnyNamespace().delete();
        client.leases().inAnyNamespace().delete();
        client.resources(SimulatedNodeClass.class).delete();
        heartbeat = new SimulatedNodeHeartbeat(client, clock);
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("default");
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2));
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
        SimulatedCloudProvider cloud = new SimulatedCloudProvider(client, clock, tasks, new UnavailableOfferings(clock), new SimulatedCapacity());
        cloud.create(SimulatedCloudProviderTest.claim("sim-1", "default"));
        tasks.runAll();
        // A node of some other provider: the heartbeat leaves it alone.
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("real-1").endMetadata()
                .withNewSpec().withProviderID("aws:///us-east-1a/i-123").endSpec().build()).create();
    }

    private static Pod pod(String name, String nodeName) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(nodeName)
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .addNewContainer().withName("app").withImage("nginx:1.27").endContainer()
                .addNewContainer().withName("sidecar").withImage("envoy").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
    }

    private static NodeCondition ready(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    }

    @Test
    void removesTheStartupTaintsOnceAndKeepsTheOthers() {
        assertThat(client.nodes().withName("sim-1").get().getSpec().getTaints()).extracting(Taint::getKey)
                .containsExactly("dedicated", SimulatedNodes.SIMULATED, "example.com/agent-not-ready");

        heartbeat.beat();

        Node node = client.nodes().withName("sim-1").get();
        assertThat(node.getSpec().getTaints()).extracting(Taint::getKey).containsExactly("dedicated", SimulatedNodes.SIMULATED);
        assertThat(node.getMetadata().getAnnotations()).doesNotContainKey(SimulatedNodes.STARTUP_TAINTS_ANNOTATION);
        // Put back by someone else later, it stays: the agent removes it once, when the node comes up.
        client.nodes().withName("sim-1").edit(n -> {
            n.getSpec().getTaints().add(new Taint("NoSchedule", "example.com/agent-not-ready", null, null));
            return n;
        });
        heartbeat.beat();
        assertThat(client.nodes().withName("sim-1").get().getSpec().getTaints()).hasSize(3);
    }

    @Test
    void renewsTheLeaseOfEachSimulatedNode() {
        heartbeat.beat();
        Lease lease = client.leases().inNamespace("kube-node-lease").withName("sim-1").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("sim-1");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(lease.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getKind() + "/" + o.getName()).isEqualTo("Node/sim-1"));
        assertThat(client.leases().inNamespace("kube-node-lease").withName("real-1").get()).isNull();

        clock.advance(Duration.ofSeconds(10));
        heartbeat.beat();
        ZonedDateTime renewed = client.leases().inNamespace("kube-node-lease").withName("sim-1").get().getSpec().getRenewTime();
        assertThat(renewed.toInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:10Z"));
    }

    @Test
    void renewsTheReadyHeartbeatAndKeepsTheTransitionTime() {
        clock.advance(Duration.ofSeconds(10));
        heartbeat.beat();
        Node node = client.nodes().withName("sim-1").get();
        assertThat(node.getStatus().getConditions()).as("conditions replaced, not appended").extracting(NodeCondition::getType)
                .containsExactlyInAnyOrder("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
        assertThat(ready(node).getStatus()).isEqualTo("True");
        assertThat(ready(node).getLastHeartbeatTime()).isEqualTo("2026-01-01T00:00:10Z");
        assertThat(ready(node).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(node.getStatus().getCapacity()).as("a status patch keeps the rest of the status").containsKey("cpu");
        assertThat(node.getMetadata().getLabels()).containsEntry(KarpenterLabels.NODE_POOL, "default");
        assertThat(client.nodes().withName("real-1").get().getStatus()).satisfiesAnyOf(
                s -> assertThat(s).isNull(), s -> assertThat(s.getConditions()).isNullOrEmpty());
    }

    @Test
    void marksPodsOnSimulatedNodesRunning() {
        client.pods().inNamespace("default").resource(pod("web-1", "sim-1")).create();
        client.pods().inNamespace("default").resource(pod("elsewhere", "real-1")).create();
        client.pods().inNamespace("default").resource(pod("unbound", null)).create();
        clock.advance(Duration.ofSeconds(3));
        heartbeat.beat();

        Pod web = client.pods().inNamespace("default").withName("web-1").get();
        assertThat(web.getStatus().getPhase()).isEqualTo("Running");
        assertThat(web.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready"))
                .extracting(PodCondition::getStatus).containsExactly("True");
        assertThat(web.getStatus().getContainerStatuses()).extracting(c -> c.getName() + ":" + c.getReady() + ":" + (c.getState().getRunning() != null))
                .containsExactly("app:true:true", "sidecar:true:true");
        assertThat(web.getStatus().getInitContainerStatuses()).singleElement()
                .satisfies(c -> assertThat(c.getState().getTerminated().getReason()).isEqualTo("Completed"));
        assertThat(web.getStatus().getStartTime()).isEqualTo("2026-01-01T00:00:03Z");
        assertThat(web.getStatus().getHostIP()).isEqualTo(SimulatedNodes.internalIp("sim-1"));
        assertThat(web.getStatus().getPodIP()).isNotBlank();
        assertThat(client.pods().inNamespace("default").withName("elsewhere").get().getStatus().getPhase()).isEqualTo("Pending");
        assertThat(client.pods().inNamespace("default").withName("unbound").get().getStatus().getPhase()).isEqualTo("Pending");

        clock.advance(Duration.ofSeconds(10));
        heartbeat.beat();
        assertThat(client.pods().inNamespace("default").withName("web-1").get().getStatus().getStartTime())
                .as("a Running pod is left as it is").isEqualTo("2026-01-01T00:00:03Z");
    }

    @Test
    void completesTheDeletionOfPodsDeletedOnSimulatedNodes() throws Exception {
        // A finalizer keeps the deleted pod visible in the mock, as a missing kubelet does in a cluster.
        for (String name : List.of("terminating", "running")) {
            Pod pod = pod(name, "sim-1");
            pod.getMetadata().setFinalizers(List.of("example.com/hold"));
            client.pods().inNamespace("default").resource(pod).create();
        }
        client.pods().inNamespace("default").withName("terminating").delete();
        assertThat(client.pods().inNamespace("default").withName("terminating").get().getMetadata().getDeletionTimestamp()).isNotNull();
        drainRequests();

        heartbeat.beat();

        List<RecordedRequest> requests = drainRequests();
        assertThat(requests).filteredOn(r -> r.getMethod().equals("DELETE"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getPath()).isEqualTo("/api/v1/namespaces/default/pods/terminating");
                    assertThat(r.getBody().readUtf8()).contains("\"gracePeriodSeconds\":0");
                });
        assertThat(client.pods().inNamespace("default").withName("running").get().getStatus().getPhase()).isEqualTo("Running");
    }

    /** The requests the mock server received since the last drain. */
    private static List<RecordedRequest> drainRequests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS); r != null; r = server.takeRequest(100, TimeUnit.MILLISECONDS)) {
            requests.add(r);
        }
        return requests;
    }

    @Test
    void deletingTheInstanceRemovesItsLease() throws Exception {
        heartbeat.beat();
        SimulatedCloudProvider cloud = new SimulatedCloudProvider(client, clock, tasks, new UnavailableOfferings(clock), new SimulatedCapacity());
        cloud.delete(cloud.get(client.nodes().withName("sim-1").get().getSpec().getProviderID()));
        assertThat(client.nodes().withName("sim-1").get()).isNull();
        assertThat(client.leases().inNamespace("kube-node-lease").withName("sim-1").get()).isNull();
    }

    @Test
    void beatsOnItsOwnUntilClosed() throws Exception {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            heartbeat.start(executor, Duration.ofMillis(50));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (client.leases().inNamespace("kube-node-lease").withName("sim-1").get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(client.leases().inNamespace("kube-node-lease").withName("sim-1").get()).isNotNull();
        } finally {
            heartbeat.close();
            executor.shutdownNow();
        }
    }
}
