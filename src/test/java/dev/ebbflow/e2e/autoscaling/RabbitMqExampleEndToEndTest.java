package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.LabelSelector;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ example of examples/rabbitmq, applied as a user would (only the Secret's URL points at
 * the test broker, as the example asks), run by the whole operator against the mock API server and
 * the real broker: the ScaledObject goes Ready through its TriggerAuthentication, the HPA appears, the
 * backlog activates the worker 0 -> 1 and the metrics API serves the queue length.
 */
@EnableKubernetesMockClient(crud = true)
class RabbitMqExampleEndToEndTest {

    static final String AMQP_URL = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
    static final String HTTP_URL = env("EBBFLOW_RABBITMQ_HTTP_URL", "http://guest:guest@127.0.0.1:15672/");
    static final String NS = "default";

    KubernetesClient client;
    EbbflowOperator operator;
    // A throw-away vhost, so the example's fixed queue name "orders" meets no other test's queue.
    final String vhost = "ebbflow-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    // HTTP/1.1: the JDK client's h2c upgrade attempt is refused by the management API.
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        management("PUT", "/api/vhosts/" + vhost, "{}");
        URI amqp = URI.create(AMQP_URL);
        management("PUT", "/api/permissions/" + vhost + "/" + amqp.getUserInfo().split(":")[0],
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        operator = EbbflowOperator.builder()
                .settings(new OperatorSettings(Set.of(), 1000, 2000, "INFO", false, "ebbflow-operator", NS, NS, 0, 0,
                        Optional.empty(), Optional.empty(), Optional.empty(), Set.of()))
                .client(client)
                .scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1")
                .withoutMetricsApiClientAuthentication()
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        if (operator != null) {
            operator.close();
        }
        management("DELETE", "/api/vhosts/" + vhost, null);
    }

    @Test
    void theExampleScalesTheWorkerOnTheOrdersQueue() throws Exception {
        String vhostUrl = base(AMQP_URL) + "/" + vhost;
        try (Connection connection = connect(vhostUrl)) {
            Channel channel = connection.createChannel();
            channel.queueDeclare("orders", true, false, false, null);
            for (int i = 0; i < 25; i++) {
                channel.basicPublish("", "orders", null, ("order " + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        Map<String, Class<? extends HasMetadata>> files = new java.util.LinkedHashMap<>();
        files.put("secret.yaml", Secret.class);
        files.put("triggerauthentication.yaml", TriggerAuthentication.class);
        files.put("deployment.yaml", io.fabric8.kubernetes.api.model.apps.Deployment.class);
        files.put("scaledobject.yaml", ScaledObject.class);
        for (Map.Entry<String, Class<? extends HasMetadata>> file : files.entrySet()) {
            HasMetadata object = client.getKubernetesSerialization().unmarshal(Files.readString(example(file.getKey())), file.getValue());
            if (object instanceof Secret secret) {
                secret.setStringData(Map.of("amqp-url", vhostUrl));
            }
            object.getMetadata().setNamespace(NS);
            client.resource(object).create();
        }

        awaitTrue(Duration.ofSeconds(30), () -> {
            HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("keda-hpa-orders-worker").get();
            ScaledObject so = client.resources(ScaledObject.class).inNamespace(NS).withName("orders-worker").get();
            return hpa != null && hpa.getSpec().getMaxReplicas() == 20
                    && hpa.getSpec().getMetrics().get(0).getExternal().getMetric().getName().equals("s0-rabbitmq-orders")
                    && so.getStatus() != null && KedaConditions.isTrue(so.getStatus(), KedaConditions.READY)
                    && "orders-rabbitmq".equals(so.getStatus().getAuthenticationsTypes());
        });
        awaitTrue(Duration.ofSeconds(30), () -> {
            Integer replicas = client.apps().deployments().inNamespace(NS).withName("orders-worker").get().getSpec().getReplicas();
            return replicas != null && replicas == 1;
        });
        assertThat(operator.metricsProvider().read(NS, "s0-rabbitmq-orders", LabelSelector.parse("scaledobject.keda.sh/name=orders-worker")))
                .singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("25"));
        ScaledObject so = client.resources(ScaledObject.class).inNamespace(NS).withName("orders-worker").get();
        assertThat(so.getStatus().toString() + so.getStatus().getConditions()).doesNotContain(URI.create(AMQP_URL).getUserInfo());
    }

    private static Path example(String file) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples/rabbitmq"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("examples/rabbitmq not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("examples/rabbitmq").resolve(file);
    }

    private static Connection connect(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(url);
        factory.setConnectionTimeout(5000);
        return factory.newConnection("ebbflow-e2e");
    }

    private void management(String method, String path, String body) throws Exception {
        URI base = URI.create(HTTP_URL);
        String auth = "Basic " + Base64.getEncoder().encodeToString(base.getUserInfo().getBytes(StandardCharsets.UTF_8));
        String encoded = path.replace(vhost, URLEncoder.encode(vhost, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(HTTP_URL) + encoded))
                .header("Authorization", auth).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    }

    private static String base(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void awaitTrue(Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(condition.call())) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
