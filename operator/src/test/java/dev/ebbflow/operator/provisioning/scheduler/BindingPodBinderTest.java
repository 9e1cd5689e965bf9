package dev.ebbflow.operator.provisioning.scheduler;

import static dev.ebbflow.operator.provisioning.provisioner.Fixtures.pendingPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class BindingPodBinderTest {

    static KubernetesClient client;

    @Test
    void bindingPostsABindingToTheNodeAndUnschedulableIsReportedOnTheStatus() {
        Pod pod = pendingPod("web", "1", "1Gi");
        pod.setStatus(null);
        Pod created = client.pods().inNamespace("default").resource(pod).create();
        BindingPodBinder binder = new BindingPodBinder(client, Clock.systemUTC());

        binder.bind(created, "n1");

        Binding binding = client.bindings().inNamespace("default").withName("web").get();
        assertThat(binding.getTarget().getKind()).isEqualTo("Node");
        assertThat(binding.getTarget().getName()).isEqualTo("n1");

        binder.markUnschedulable(created, "0/0 nodes are available");
        Pod marked = client.pods().inNamespace("default").withName("web").get();
        assertThat(PodScheduledStatus.of(marked).getReason()).isEqualTo("Unschedulable");
        assertThat(PodScheduledStatus.of(marked).getMessage()).isEqualTo("0/0 nodes are available");
    }
}
