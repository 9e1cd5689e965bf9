package dev.ebbflow.operator.autoscaling;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One mock API server in CRUD mode, the real operator on it and queues on the real broker, shared by
 * the tests of a class: {@code @RegisterExtension static final OperatorEnvironment env = new OperatorEnvironment();}.
 * Starting the operator costs seconds, so the classes that drive it end to end start it once.
 */
final class OperatorEnvironment implements BeforeAllCallback, AfterAllCallback {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private OperatorFixture cluster;
    private RabbitQueues rabbit;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        rabbit = new RabbitQueues();
        cluster = new OperatorFixture(client);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (KubernetesClient c = client; RabbitQueues r = rabbit; OperatorFixture f = cluster) {
            // closed in reverse order: the operator first, then the broker's queues, then the client
        } finally {
            server.destroy();
        }
    }

    KubernetesClient client() {
        return client;
    }

    OperatorFixture cluster() {
        return cluster;
    }

    RabbitQueues rabbit() {
        return rabbit;
    }
}
