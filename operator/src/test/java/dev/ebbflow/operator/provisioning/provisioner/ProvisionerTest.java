package dev.ebbflow.operator.provisioning.provisioner;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.nodePool;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.provisioner.cloud.UnavailableOfferings;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCapacity;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One provisioning run at a time, on a snapshot the test controls, so a lagging NodeClaim cache can be shown. */
@EnableKubernetesMockClient(crud = true)
class ProvisionerTest {

    static KubernetesClient client;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> events = new ArrayList<>();
    private final AtomicReference<ClusterSnapshot> snapshot = new AtomicReference<>();
    private Provisioner provisioner;

    @BeforeEach
    void setUp() {
        client.resources(NodeClaim.class).delete();
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName("default");
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(2, 4));
        // Unmarked, so that these pods need not tolerate the simulated taint.
        nodeClass.getSpec().setMarkSimulated(false);
        client.resources(SimulatedNodeClass.class).resource(nodeClass).createOr(r -> r.update());
        SimulatedCloudProvider cloud = new SimulatedCloudProvider(client, clock, (delay, task) -> () -> true, new UnavailableOfferings(clock),
                new SimulatedCapacity());
        EventRecorder recorder = (HasMetadata o, String type, String reason, String message) -> events.add(o.getMetadata().getName() + " " + reason + " " + message);
        provisioner = new Provisioner(client, snapshot::get, CloudLookup.only(cloud), recorder,
                new KarpenterMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), clock, new Random(1));
    }

    @Test
    void aClaimJustCreatedCountsUntilTheCacheShowsItAndNoLongerThanItsTimeToLive() {
        NodePool pool = client.resources(NodePool.class).resource(nodePool("general")).createOr(r -> r.update());
        Pod pod = pendingPod("web", "1", "1Gi");
        snapshot.set(new ClusterSnapshot(List.of(pod), List.of(), List.of(), List.of(pool), List.of()));

        Provisioner.Report first = provisioner.provision();
        assertThat(first.created()).hasSize(1);
        String name = first.created().get(0).getMetadata().getName();
        assertThat(events).contains("web Nominated Pod should schedule on: nodeclaim/" + name);

        clock.advance(Provisioner.RECENT_CLAIM_TTL.minusSeconds(1));
        Provisioner.Report second = provisioner.provision();
        assertThat(second.created()).as("the cache does not show the claim yet, but it is counted").isEmpty();
        assertThat(events).contains("web Nominated Pod should schedule on: nodeclaim/" + name);

        clock.advance(Provisioner.RECENT_CLAIM_TTL);
        assertThat(provisioner.provision().created()).as("a claim never seen by the cache is dropped after its time to live").hasSize(1);
        assertThat(client.resources(NodeClaim.class).list().getItems()).hasSize(2);
    }

    @Test
    void theClaimsPodsWereNominatedToAreRecordedForDisruptionToLeaveAlone() {
        NodePool pool = client.resources(NodePool.class).resource(nodePool("general")).createOr(r -> r.update());
        snapshot.set(new ClusterSnapshot(List.of(pendingPod("web", "1", "1Gi")), List.of(), List.of(), List.of(pool), List.of()));
        String name = provisioner.provision().created().get(0).getMetadata().getName();
        assertThat(provisioner.nominations().byTarget()).containsEntry(name, clock.instant());

        clock.advance(Provisioner.NOMINATIONS_KEPT.plusSeconds(1));
        assertThat(provisioner.nominations().byTarget()).doesNotContainKey(name);
    }

    @Test
    void nothingPendingMeansNoRunAndNoClaim() {
        NodePool pool = client.resources(NodePool.class).resource(nodePool("general")).createOr(r -> r.update());
        snapshot.set(new ClusterSnapshot(List.of(Fixtures.boundPod("running", "n1", "1", "1Gi")), List.of(), List.of(), List.of(pool), List.of()));

        Provisioner.Report report = provisioner.provision();

        assertThat(report.created()).isEmpty();
        assertThat(report.nominated()).isZero();
        assertThat(client.resources(NodeClaim.class).list().getItems()).isEmpty();
    }
}
