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
 * One mock API server in CRUD mode, a fixture running the operator (or one controller of it) on it,
 * and queues on the real broker, shared by the tests of a class:
 * {@code @RegisterExtension static final ClusterEnvironment<OperatorFixture> env = ClusterEnvironment.of(OperatorFixture::new);}.
 * Starting the operator costs seconds, so the classes that drive it end to end start it once.
 *
 * @param <F> the fixture, closed before the broker and the server
 */
public final class ClusterEnvironment<F extends AutoCloseable> implements BeforeAllCallback, AfterAllCallback {

    /** Starts the fixture on the mock server's client. */
    @FunctionalInterface
    public interface Start<F> {
        F on(KubernetesClient client) throws Exception;
    }

    private final Start<F> start;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private F cluster;
    private RabbitQueues rabbit;

    private ClusterEnvironment(Start<F> start) {
        this.start = start;
    }

    public static <F extends AutoCloseable> ClusterEnvironment<F> of(Start<F> start) {
        return new ClusterEnvironment<>(start);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        rabbit = new RabbitQueues();
        cluster = start.on(client);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (KubernetesClient c = client; RabbitQueues r = rabbit; F f = cluster) {
            // nothing else: they close in reverse order, the fixture first, then the broker's queues, then the client
        } finally {
            server.destroy();
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public F cluster() {
        return cluster;
    }

    public RabbitQueues rabbit() {
        return rabbit;
    }
}
