package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KarpenterEventsTest {

    KubernetesClient client;

    @Test
    void eventsCarryKarpenterAsSourceAndRepeatsBumpTheCount() {
        KarpenterEvents events = new KarpenterEvents(client, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), "pod-1");
        var node = new NodeBuilder().withNewMetadata().withName("n1").withUid("u1").endMetadata().build();
        node.setApiVersion("v1");
        node.setKind("Node");

        events.warning(node, "FailedDraining", "Failed to drain node, 1 pods are waiting to be evicted");
        events.warning(node, "FailedDraining", "Failed to drain node, 1 pods are waiting to be evicted");
        events.normal(node, "DisruptionTerminating", "Disrupting NodeClaim: Empty");

        List<Event> list = client.v1().events().inNamespace("default").list().getItems();
        assertThat(list).hasSize(2).allSatisfy(e -> {
            assertThat(e.getSource().getComponent()).isEqualTo("karpenter");
            assertThat(e.getReportingComponent()).isEqualTo("karpenter");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Node");
            assertThat(e.getInvolvedObject().getName()).isEqualTo("n1");
        });
        Event draining = list.stream().filter(e -> "FailedDraining".equals(e.getReason())).findFirst().orElseThrow();
        assertThat(draining.getCount()).isEqualTo(2);
        assertThat(draining.getType()).isEqualTo("Warning");
    }

    @Test
    void namespacedObjectsGetEventsInTheirNamespace() {
        KarpenterEvents events = new KarpenterEvents(client, Clock.systemUTC(), "pod-1");
        Pod pod = TestPods.running("p", Map.of());
        pod.getMetadata().setNamespace("shop");
        events.normal(pod, "Nominated", "Pod should schedule on: nodeclaim/x");
        assertThat(client.v1().events().inNamespace("shop").list().getItems()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Pod should schedule on: nodeclaim/x"));
    }
}
