package dev.ebbflow.operator.provisioning.scheduler;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.boundPod;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.node;
import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.scheduling.ProvisionablePods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SimulatedKubeSchedulerTest {

    static KubernetesClient client;
    private SimulatedKubeScheduler scheduler;

    @BeforeEach
    void setUp() {
        client.pods().inAnyNamespace().delete();
        client.nodes().delete();
        scheduler = new SimulatedKubeScheduler(client, new SimulatedPodBinder(client, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)));
    }

    private Pod create(Pod pod) {
        pod.setStatus(null);
        return client.pods().inNamespace("default").resource(pod).create();
    }

    private Pod get(String name) {
        return client.pods().inNamespace("default").withName(name).get();
    }

    private static PodCondition scheduled(Pod pod) {
        return PodScheduledStatus.of(pod);
    }

    @Test
    void bindsWhatFitsAndMarksTheRestUnschedulableAsKubeSchedulerDoes() {
        client.nodes().resource(node("n1", null, "4", "8Gi")).create();
        create(pendingPod("fits", "3", "1Gi"));
        create(pendingPod("too-big", "8", "1Gi"));

        SimulatedKubeScheduler.Round round = scheduler.scheduleOnce();

        assertThat(round).isEqualTo(new SimulatedKubeScheduler.Round(1, 1));
        Pod fits = get("fits");
        assertThat(fits.getSpec().getNodeName()).isEqualTo("n1");
        assertThat(scheduled(fits).getStatus()).isEqualTo("True");
        Pod tooBig = get("too-big");
        assertThat(tooBig.getSpec().getNodeName()).isNull();
        assertThat(scheduled(tooBig).getStatus()).isEqualTo("False");
        assertThat(scheduled(tooBig).getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled(tooBig).getMessage()).startsWith("0/1 nodes are available: ");
        assertThat(ProvisionablePods.isProvisionable(tooBig)).isTrue();
    }

    @Test
    void aPodStillUnschedulableIsNotRewrittenEachRound() {
        create(pendingPod("waiting", "1", "1Gi"));
        scheduler.scheduleOnce();
        String version = get("waiting").getMetadata().getResourceVersion();

        scheduler.scheduleOnce();

        assertThat(get("waiting").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    @Test
    void boundPodsTakeRoomAndCordonedTaintedOrNotReadyNodesAreAvoided() {
        client.nodes().resource(node("full", null, "2", "8Gi")).create();
        client.pods().inNamespace("default").resource(boundPod("resident", "full", "1500m", "1Gi")).create();
        Node cordoned = node("cordoned", null, "8", "8Gi");
        cordoned.getSpec().setUnschedulable(true);
        client.nodes().resource(cordoned).create();
        Node tainted = node("tainted", null, "8", "8Gi");
        tainted.getSpec().setTaints(List.of(new TaintBuilder().withKey("dedicated").withValue("x").withEffect("NoSchedule").build()));
        client.nodes().resource(tainted).create();
        Node notReady = node("booting", null, "8", "8Gi");
        notReady.getStatus().getConditions().get(0).setStatus("False");
        client.nodes().resource(notReady).create();
        create(pendingPod("one-cpu", "1", "1Gi"));

        assertThat(scheduler.scheduleOnce().bound()).isZero();
        assertThat(scheduled(get("one-cpu")).getMessage()).startsWith("0/3 nodes are available");

        Pod tolerant = pendingPod("tolerant", "1", "1Gi");
        tolerant.getSpec().setTolerations(List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey("dedicated")
                .withOperator("Exists").build()));
        create(tolerant);
        scheduler.scheduleOnce();
        assertThat(get("tolerant").getSpec().getNodeName()).isEqualTo("tainted");
    }

    @Test
    void podsForAnotherSchedulerAndPodsWithUnreadableFieldsAreHandled() {
        client.nodes().resource(node("n1", null, "4", "8Gi")).create();
        Pod other = pendingPod("other", "1", "1Gi");
        other.getSpec().setSchedulerName("my-scheduler");
        create(other);
        Pod broken = pendingPod("broken", "1", "1Gi");
        broken.getSpec().setTopologySpreadConstraints(List.of(new io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder()
                .withTopologyKey("").withMaxSkew(1).build()));
        create(broken);

        scheduler.scheduleOnce();

        assertThat(get("other").getSpec().getNodeName()).isNull();
        assertThat(get("other").getStatus()).isNull();
        assertThat(scheduled(get("broken")).getMessage()).isEqualTo("spec.topologySpreadConstraints[0].topologyKey: must not be empty");
    }
}
