package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class EvictionApiPodEvictorTest {

    private static final String PATH = "/api/v1/namespaces/default/pods/a/eviction";

    KubernetesMockServer server;
    KubernetesClient client;

    private final Pod pod = TestPods.running("a", Map.of());

    private PodEvictor.Outcome evict() {
        try (EvictionApiPodEvictor evictor = new EvictionApiPodEvictor(client)) {
            return evictor.evict(pod);
        }
    }

    @Test
    void postsAPolicyV1EvictionWithTheUidPrecondition() throws Exception {
        server.expect().post().withPath(PATH).andReturn(201, new StatusBuilder().withStatus("Success").build()).once();
        assertThat(evict()).isEqualTo(PodEvictor.Outcome.EVICTED);
        RecordedRequest request = server.getLastRequest();
        String body = request.getUtf8Body();
        assertThat(body).contains("\"apiVersion\":\"policy/v1\"").contains("\"kind\":\"Eviction\"").contains("\"uid\":\"uid-a\"");
    }

    @Test
    void tooManyRequestsMeansBlockedByABudgetWithoutRetrying() {
        server.expect().post().withPath(PATH).andReturn(429, new StatusBuilder().withCode(429).withReason("TooManyRequests")
                .withMessage("Cannot evict pod as it would violate the pod's disruption budget.").build()).always();
        int before = server.getRequestCount();
        try (EvictionApiPodEvictor evictor = new EvictionApiPodEvictor(client)) {
            assertThat(evictor.evict(pod)).isEqualTo(PodEvictor.Outcome.BLOCKED);
        }
        assertThat(server.getRequestCount() - before).as("one request, no client-side retries").isEqualTo(1);
    }

    @Test
    void notFoundMeansGone() {
        server.expect().post().withPath(PATH).andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound").build()).once();
        assertThat(evict()).isEqualTo(PodEvictor.Outcome.GONE);
    }

    @Test
    void aNamespaceBeingDeletedTakesThePodWithIt() {
        server.expect().post().withPath(PATH).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("pods \"a\" is forbidden: unable to create new content in namespace default because it is being terminated")
                .withNewDetails().addNewCause().withReason("NamespaceTerminating").withField("metadata.namespace").endCause().endDetails()
                .build()).once();
        assertThat(evict()).isEqualTo(PodEvictor.Outcome.EVICTED);
    }

    @Test
    void otherErrorsPropagate() {
        server.expect().post().withPath(PATH).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").build()).once();
        assertThatThrownBy(() -> evict()).isInstanceOf(KubernetesClientException.class);
    }
}
