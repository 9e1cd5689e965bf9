package dev.ebbflow.provisioner.cloud.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.SlowRequests;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Instances whose boots end together register their Nodes side by side, as each one's kubelet would, not
 * one after the other: with a loaded API server taking ~0.5 s per write, registering the last of 15 nodes
 * one at a time took 7-10 s after their boot in the end-to-end latency benchmark.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class SimulatedNodesRegisterSideBySideTest {

    private static final Duration SLOW_WRITE = Duration.ofSeconds(2);
    private static final int INSTANCES = 6;

    static KubernetesClient client;

    private final ExecutorService boots = Executors.newFixedThreadPool(INSTANCES);
    private KubernetesClient slowClient;

    @BeforeEach
    void setUp() {
        client.nodes().delete();
        client.resources(SimulatedNodeClass.class).delete();
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("instant");
        nodeClass.getSpec().setZones(List.of("zone-a"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2));
        client.resources(SimulatedNodeClass.class).resource(nodeClass).create();
        slowClient = SlowRequests.client(client, "POST", "/api/v1/nodes", SLOW_WRITE);
    }

    @AfterEach
    void tearDown() {
        boots.shutdownNow();
        slowClient.close();
    }

    @Test
    void bootsThatEndTogetherRegisterInParallel() throws Exception {
        // The boots end when every launch is done, all at once, on threads enough for each.
        List<Runnable> bootsEnded = new ArrayList<>();
        SimulatedCloudProvider cloud = new SimulatedCloudProvider(slowClient, Clock.systemUTC(), (delay, task) -> {
            bootsEnded.add(task);
            return () -> false;
        }, new UnavailableOfferings(Clock.systemUTC()), new SimulatedCapacity());
        for (int i = 0; i < INSTANCES; i++) {
            NodeClaim claim = SimulatedCloudProviderTest.claim("instant-" + i, "instant");
            claim.getSpec().setStartupTaints(null);
            cloud.create(claim);
        }
        long start = System.nanoTime();
        bootsEnded.forEach(boots::execute);

        long deadline = start + SLOW_WRITE.multipliedBy(INSTANCES).toNanos();
        while (client.nodes().list().getItems().size() < INSTANCES && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("%d registrations of %s each, one after the other, take %s", INSTANCES, SLOW_WRITE, SLOW_WRITE.multipliedBy(INSTANCES))
                .isLessThan(SLOW_WRITE.multipliedBy(INSTANCES / 2));
        assertThat(client.nodes().list().getItems()).hasSize(INSTANCES);
        // A registration is done once its POST has returned, a moment after the Node can be listed.
        Eventually.within(Duration.ofSeconds(5), () -> {
            try {
                assertThat(cloud.list()).as("nothing left booting").hasSize(INSTANCES)
                        .allSatisfy(c -> assertThat(c.getStatus().getNodeName()).isNotNull());
            } catch (CloudProviderException e) {
                throw new AssertionError(e);
            }
        });
    }
}
