package dev.ebbflow.operator.autoscaling.badinput;


import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus against the real operator: every malformed ScaledObject (or the
 * TriggerAuthentication, Secret or environment it relies on) of {@code src/test/resources/bad-input}
 * is created in one operator run, next to a valid control ScaledObject on the real RabbitMQ broker.
 * Each case must end with Ready=False naming its field and a Warning Event, get no HPA, and leak no
 * secret; the control must keep being reconciled and scaled; no log line may hold a secret.
 */
@EnableKubernetesMockClient(crud = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCorpusTest {

    static final String NS = "bad-input";
    static final String OPERATOR_NS = "ebbflow-system";
    static final String CONTROL = "control";
    /** Recognisable in any output; put in every Secret, password, token and URL of the corpus. */
    static final String SECRET = "s3cr3t-" + UUID.randomUUID();
    static final String AMQP_URL = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
    static final String HTTP_URL = env("EBBFLOW_RABBITMQ_HTTP_URL", "http://guest:guest@127.0.0.1:15672/");
    private static final Duration SETTLE = Duration.ofSeconds(60);

    static KubernetesClient client;
    static KubernetesMockServer server;
    static CapturedLogs logs;
    static EbbflowOperator operator;
    static Connection broker;
    static String controlQueue;
    static final Recent<List<Event>> EVENTS = new Recent<>(Duration.ofMillis(300),
            () -> client.v1().events().inNamespace(NS).list().getItems());
    static final Recent<List<ScaledObject>> SCALED_OBJECTS = new Recent<>(Duration.ofMillis(300),
            () -> client.resources(ScaledObject.class).inNamespace(NS).list().getItems());
    static final Recent<List<HorizontalPodAutoscaler>> HPAS = new Recent<>(Duration.ofMillis(300),
            () -> client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).list().getItems());

    static List<BadInputCase> cases() {
        return BadInputCase.all();
    }

    @BeforeAll
    static void start() throws Exception {
        logs = CapturedLogs.attach(Map.of("dev.ebbflow", Level.DEBUG, "io.javaoperatorsdk", Level.INFO));
        broker = connect(AMQP_URL);
        controlQueue = "ebbflow-bad-input-" + UUID.randomUUID().toString().substring(0, 8);
        try (Channel channel = broker.createChannel()) {
            channel.queueDeclare(controlQueue, false, false, true, null);
        }
        OperatorSettings settings = new OperatorSettings(Set.of(), 1000, 2000, "INFO", false, "ebbflow-operator", OPERATOR_NS, OPERATOR_NS,
                0, 0, Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        operator = EbbflowOperator.builder()
                .settings(settings)
                .client(client)
                .scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1")
                .withoutMetricsApiClientAuthentication()
                .scaleLoopWorkers(4)
                .build()
                .start();

        deployment(CONTROL);
        client.resource(control(5)).create();
        Eventually.within(SETTLE, () -> assertThat(hpa("keda-hpa-" + CONTROL)).isNotNull());

        Map<String, String> placeholders = Map.of(
                "SECRET", SECRET,
                "AMQP_HOST", withPassword(AMQP_URL, SECRET),
                "HTTP_HOST", withPassword(HTTP_URL, SECRET),
                "OPERATOR_NAMESPACE", OPERATOR_NS);
        // What the ScaledObjects refer to exists first, as a user's kubectl apply of a directory would order it.
        List<HasMetadata> scaledObjects = new ArrayList<>();
        for (BadInputCase c : cases()) {
            if (c.hasScaleTarget()) {
                deployment(c.id());
            }
            for (String doc : c.substituted(placeholders)) {
                HasMetadata object = Manifests.parse(client, doc);
                if (object instanceof ScaledObject) {
                    scaledObjects.add(object);
                } else {
                    if (object instanceof ConfigMap) {
                        answerScaleWithNotFound("/api/v1/namespaces/" + NS + "/configmaps/" + object.getMetadata().getName());
                    }
                    Manifests.create(client, NS, object);
                }
            }
        }
        scaledObjects.forEach(so -> Manifests.create(client, NS, so));
    }

    @AfterAll
    static void stop() throws Exception {
        if (operator != null) {
            operator.close();
        }
        if (broker != null) {
            broker.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    @Order(0)
    void theCorpusIsLargeAndEachCaseHasOneScaledObjectNamedAfterIt() {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(cases()).allSatisfy(c -> assertThat(c.documents().stream().filter(d -> d.contains("kind: ScaledObject")))
                .as(c.id()).singleElement().satisfies(d -> assertThat(d).contains("name: ${CASE}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void isReportedNotReadyNamingItsFieldWithAWarningEventAndNoHpa(BadInputCase c) {
        Eventually.within(SETTLE, () -> {
            KedaCondition ready = condition(c.id(), KedaConditions.READY);
            assertThat(ready).as("Ready condition of %s", c.id()).isNotNull();
            assertThat(ready.getStatus()).as(ready.toString()).isEqualTo(KedaConditions.FALSE);
            assertThat(ready.getMessage()).contains(c.field());
            assertThat(warnings(c.id())).as("Warning Events of %s", c.id()).anySatisfy(e -> assertThat(e.getMessage()).contains(c.field()));
        });
        assertThat(hpasOwnedBy(c.id())).as("HPAs of %s", c.id()).isEmpty();
        assertThat(client.getKubernetesSerialization().asJson(listed(c.id()).getStatus())).doesNotContain(SECRET);
        assertThat(events(e -> c.id().equals(e.getInvolvedObject().getName()))).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    @Order(2)
    void theControlScaledObjectIsStillReconciledAndScaled() throws Exception {
        assertThat(KedaConditions.isTrue(scaledObject(CONTROL).getStatus(), KedaConditions.READY)).isTrue();

        ScaledObject changed = scaledObject(CONTROL);
        changed.getSpec().setMaxReplicaCount(9);
        client.resource(changed).update();
        Eventually.within(SETTLE, () -> assertThat(hpa("keda-hpa-" + CONTROL).getSpec().getMaxReplicas()).isEqualTo(9));

        try (Channel channel = broker.createChannel()) {
            channel.basicPublish("", controlQueue, null, "work".getBytes(StandardCharsets.UTF_8));
        }
        Eventually.within(SETTLE, () -> assertThat(client.apps().deployments().inNamespace(NS).withName(CONTROL).get()
                .getSpec().getReplicas()).as("control activated 0 -> 1").isEqualTo(1));
    }

    @Test
    @Order(3)
    void noSecretInAnyLogLineEventOrStatus() {
        List<String> lines = logs.lines();
        // The capture works: each case was logged as not ready.
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("is not ready"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains(SECRET));
        assertThat(lines).noneSatisfy(l -> assertThat(l).startsWith("ERROR"));
        assertThat(client.v1().events().inNamespace(NS).list().getItems()).noneSatisfy(e -> assertThat(e.getMessage()).contains(SECRET));
        assertThat(client.resources(ScaledObject.class).inNamespace(NS).list().getItems())
                .noneSatisfy(so -> assertThat(client.getKubernetesSerialization().asJson(so.getStatus())).contains(SECRET));
    }

    private static ScaledObject control(int max) {
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  pollingInterval: 1
                  maxReplicaCount: %d
                  triggers:
                    - type: rabbitmq
                      metadata:
                        host: %s
                        queueName: %s
                        mode: QueueLength
                        value: "5"
                """.formatted(CONTROL, NS, CONTROL, max, AMQP_URL, controlQueue);
        return client.getKubernetesSerialization().unmarshal(yaml, ScaledObject.class);
    }

    /**
     * The mock server answers {@code /scale} of any object with the object itself; a real API server
     * has no such route for a kind without the subresource, and answers 404 as here.
     */
    private static void answerScaleWithNotFound(String objectPath) {
        server.expect().get().withPath(objectPath + "/scale")
                .andReturn(404, new StatusBuilder().withStatus("Failure").withReason("NotFound").withCode(404)
                        .withMessage("the server could not find the requested resource").build())
                .always();
    }

    /** The Deployment every case targets unless it brings its own: one container whose env holds a broker URL with the secret. */
    private static void deployment(String name) {
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(0)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("worker").withImage("worker:1")
                            .addNewEnv().withName("BROKER_URL").withValue(withPassword(AMQP_URL, SECRET)).endEnv()
                        .endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    private static ScaledObject scaledObject(String name) {
        return client.resources(ScaledObject.class).inNamespace(NS).withName(name).get();
    }

    /** The ScaledObject as a recent list of the namespace shows it. */
    private static ScaledObject listed(String name) {
        return SCALED_OBJECTS.get().stream().filter(so -> name.equals(so.getMetadata().getName())).findFirst().orElse(null);
    }

    private static KedaCondition condition(String name, String type) {
        ScaledObject so = listed(name);
        return so == null || so.getStatus() == null ? null : KedaConditions.get(so.getStatus(), type).orElse(null);
    }

    private static HorizontalPodAutoscaler hpa(String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName(name).get();
    }

    private static List<HorizontalPodAutoscaler> hpasOwnedBy(String scaledObject) {
        return HPAS.get().stream()
                .filter(h -> h.getMetadata().getName().equals("keda-hpa-" + scaledObject) || h.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> scaledObject.equals(o.getName())))
                .toList();
    }

    private static List<Event> events(Predicate<Event> filter) {
        return EVENTS.get().stream().filter(filter).toList();
    }

    private static List<Event> warnings(String scaledObject) {
        return events(e -> scaledObject.equals(e.getInvolvedObject().getName()) && "ScaledObject".equals(e.getInvolvedObject().getKind())
                && "Warning".equals(e.getType()));
    }

    /** The broker must answer: a missing broker fails the corpus, it never skips it. */
    private static Connection connect(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        // The Java client reads a trailing "/" as the empty vhost; the broker's default vhost is "/".
        factory.setUri(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        factory.setConnectionTimeout(5000);
        return factory.newConnection("ebbflow-bad-input-tests");
    }

    /** {@code url} with its user's password replaced, so that a corpus URL carries the recognisable secret. */
    static String withPassword(String url, String password) {
        URI uri = URI.create(url);
        String user = uri.getUserInfo() == null ? "guest" : uri.getUserInfo().split(":", 2)[0];
        return uri.getScheme() + "://" + user + ":" + password + "@" + uri.getHost() + ":" + uri.getPort() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
