package dev.ebbflow.provisioner.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true, https = false)
class NodeEditsTest {

    static KubernetesClient client;

    @Test
    void anEditThatLosesTheRaceToAnotherWriterIsMadeAgainOnTheFreshCopy() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        AtomicInteger calls = new AtomicInteger();

        Node edited = NodeEdits.edit(client, "n1", n -> {
            if (calls.incrementAndGet() == 1) {
                // Another controller writes the Node between our read and our write.
                Node other = client.nodes().withName("n1").get();
                other.getMetadata().setLabels(java.util.Map.of("other", "writer"));
                client.nodes().resource(other).update();
            }
            n.getMetadata().getLabels().put("mine", "yes");
            return n;
        });

        assertThat(calls).hasValue(2);
        assertThat(edited.getMetadata().getLabels()).containsEntry("mine", "yes").containsEntry("other", "writer");
    }
}
