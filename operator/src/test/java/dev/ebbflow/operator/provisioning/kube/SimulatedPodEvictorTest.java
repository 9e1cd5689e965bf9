package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class SimulatedPodEvictorTest {

    KubernetesClient client;

    private Pod create(String name) {
        Pod p = TestPods.running(name, Map.of("app", "web"));
        p.getMetadata().setUid(null);
        Pod created = client.pods().inNamespace("default").resource(p).create();
        created.setStatus(p.getStatus());
        return client.pods().inNamespace("default").resource(created).updateStatus();
    }

    @Test
    void deletesWhatTheBudgetAllowsAndBlocksTheRest() {
        Pod a = create("a");
        Pod b = create("b");
        client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withMaxUnavailable(new IntOrString(1)).withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().endSpec()
                .build()).create();
        SimulatedPodEvictor evictor = new SimulatedPodEvictor(client);

        assertThat(evictor.evict(a)).isEqualTo(PodEvictor.Outcome.EVICTED);
        assertThat(client.pods().inNamespace("default").withName("a").get()).isNull();
        // With a gone and nothing to replace it, one of one may be unavailable: b may go too.
        assertThat(evictor.evict(b)).isEqualTo(PodEvictor.Outcome.EVICTED);
    }

    @Test
    void blockedWhileTheBudgetHasNoRoom() {
        Pod a = create("a");
        create("b");
        client.policy().v1().podDisruptionBudget().inNamespace("default").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(2)).withNewSelector().withMatchLabels(Map.of("app", "web")).endSelector().endSpec()
                .build()).create();

        assertThat(new SimulatedPodEvictor(client).evict(a)).isEqualTo(PodEvictor.Outcome.BLOCKED);
        assertThat(client.pods().inNamespace("default").withName("a").get()).isNotNull();
    }

    @Test
    void aMissingOrReplacedPodIsGone() {
        Pod a = create("a");
        Pod stale = TestPods.running("a", Map.of());
        stale.getMetadata().setUid("another-uid");
        SimulatedPodEvictor evictor = new SimulatedPodEvictor(client);
        assertThat(evictor.evict(stale)).isEqualTo(PodEvictor.Outcome.GONE);
        assertThat(evictor.evict(TestPods.running("never-was", Map.of()))).isEqualTo(PodEvictor.Outcome.GONE);
        assertThat(evictor.evict(a)).isEqualTo(PodEvictor.Outcome.EVICTED);
    }
}
