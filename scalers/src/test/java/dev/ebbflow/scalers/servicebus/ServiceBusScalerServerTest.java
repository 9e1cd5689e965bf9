package dev.ebbflow.scalers.servicebus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.TriggerConfig;
import dev.ebbflow.scalers.servicebus.FakeServiceBusNamespace.Counts;
import dev.ebbflow.scalers.servicebus.FakeServiceBusNamespace.Request;
import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The scaler against a local HTTPS server speaking the documented management API: what the SDK
 * sends on our behalf (path, api-version, SharedAccessSignature) and how each answer is handled.
 */
class ServiceBusScalerServerTest {

    private static final String KEY = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5";
    /** Fast settings so the retry tests stay short; the bounds themselves are what is tested. */
    private static final AdministrationClientPool.Settings FAST =
            new AdministrationClientPool.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 2, Duration.ofMillis(20), Duration.ofMillis(50));

    private static SelfSignedTls tls;
    private FakeServiceBusNamespace namespace;
    private ServiceBusScalerFactory factory;
    private TokenCredential workloadIdentity = request -> Mono.error(new IllegalStateException("no workload identity in this test"));

    @BeforeAll
    static void certificate() throws Exception {
        tls = SelfSignedTls.create();
    }

    @BeforeEach
    void start() throws Exception {
        namespace = new FakeServiceBusNamespace(tls, KEY);
        factory = new ServiceBusScalerFactory(FAST, tls.client, () -> workloadIdentity, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        factory.close();
        namespace.close();
    }

    private TriggerConfig trigger(String... kv) {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            metadata.put(kv[i], kv[i + 1]);
        }
        return new TriggerConfig(1, ServiceBusScalerFactory.TYPE, null, metadata, Map.of("connection", namespace.connectionString()),
                null, MetricTargetType.AVERAGE_VALUE);
    }

    @Test
    void queueValueIsTheActiveCountOnly() throws Exception {
        namespace.queue("orders", new Counts(7, 3, 2, 1, 4));
        try (Scaler scaler = factory.create(trigger("queueName", "orders", "messageCount", "10", "activationMessageCount", "6"))) {
            assertThat(scaler.metricSpec().metricName()).isEqualTo("s1-azure-servicebus-orders");
            assertThat(scaler.metricSpec().target()).isEqualTo(10);
            assertThat(scaler.read()).isEqualTo(new ScalerReading(7, true));
        }
        Request r = namespace.requests.get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/orders");
        assertThat(r.query()).containsEntry("api-version", FakeServiceBusNamespace.API_VERSION);
        assertThat(r.authorization()).matches("SharedAccessSignature sr=https%3A%2F%2F127\\.0\\.0\\.1&sig=[^&]+&se=\\d+&skn=RootManageSharedAccessKey")
                .doesNotContain(KEY);
    }

    @Test
    void subscriptionValueIsTheActiveCountAndTheMetricIsNamedAfterTheTopic() throws Exception {
        namespace.subscription("events", "workers", new Counts(4, 9, 9, 9, 9));
        try (Scaler scaler = factory.create(trigger("topicName", "events", "subscriptionName", "workers"))) {
            assertThat(scaler.metricSpec().metricName()).isEqualTo("s1-azure-servicebus-events");
            assertThat(scaler.metricSpec().target()).isEqualTo(5);
            assertThat(scaler.read()).isEqualTo(new ScalerReading(4, true));
        }
        Request r = namespace.requests.get(0);
        assertThat(r.path()).isEqualTo("/events/subscriptions/workers");
        assertThat(r.query()).containsEntry("api-version", FakeServiceBusNamespace.API_VERSION);
        assertThat(r.authorization()).startsWith("SharedAccessSignature ");
    }

    @Test
    void messageCountZeroIsServedAsAnAverageValueTargetOfZeroAndStillActivates() throws Exception {
        namespace.queue("orders", new Counts(3, 0, 0, 0, 0));
        try (Scaler scaler = factory.create(trigger("queueName", "orders", "messageCount", "0"))) {
            assertThat(scaler.metricSpec()).isEqualTo(new MetricSpec("s1-azure-servicebus-orders", 0, 0, MetricTargetType.AVERAGE_VALUE));
            assertThat(scaler.read()).isEqualTo(new ScalerReading(3, true));
        }
        namespace.queue("orders", new Counts(0, 0, 0, 0, 0));
        try (Scaler scaler = factory.create(trigger("queueName", "orders", "messageCount", "0"))) {
            assertThat(scaler.read()).isEqualTo(new ScalerReading(0, false));
        }
    }

    @Test
    void idleQueueIsInactive() throws Exception {
        namespace.queue("orders", new Counts(0, 50, 5, 0, 0));
        try (Scaler scaler = factory.create(trigger("queueName", "orders"))) {
            assertThat(scaler.read()).isEqualTo(new ScalerReading(0, false));
        }
    }

    @Test
    void regexOverQueuesCombinesMatchingActiveCounts() throws Exception {
        namespace.queue("orders-eu", new Counts(3, 100, 0, 0, 0));
        namespace.queue("orders-us", new Counts(9, 0, 100, 0, 0));
        namespace.queue("billing", new Counts(50, 0, 0, 0, 0));
        namespace.queue("old-orders-archive", new Counts(0, 0, 0, 100, 0));
        Map<String, Double> expected = Map.of("sum", 12.0, "avg", 4.0, "max", 9.0);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            try (Scaler scaler = factory.create(trigger("queueName", "orders-", "useRegex", "true", "operation", e.getKey()))) {
                assertThat(scaler.read().value()).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        try (Scaler anchored = factory.create(trigger("queueName", "^orders-e", "useRegex", "true"))) {
            assertThat(anchored.read().value()).isEqualTo(3);
        }
        try (Scaler none = factory.create(trigger("queueName", "^nothing$", "useRegex", "true"))) {
            assertThat(none.read()).isEqualTo(new ScalerReading(0, false));
        }
        Request r = namespace.requests.get(0);
        assertThat(r.path()).isEqualTo("/$Resources/queues");
        assertThat(r.query()).containsEntry("api-version", FakeServiceBusNamespace.API_VERSION).containsEntry("$skip", "0").containsKey("$top");
        assertThat(r.authorization()).startsWith("SharedAccessSignature ");
    }

    @Test
    void regexOverSubscriptionsOfATopic() throws Exception {
        namespace.subscription("events", "worker-a", new Counts(2, 10, 0, 0, 0));
        namespace.subscription("events", "worker-b", new Counts(6, 0, 0, 0, 0));
        namespace.subscription("events", "audit", new Counts(40, 0, 0, 0, 0));
        try (Scaler scaler = factory.create(trigger("topicName", "events", "subscriptionName", "^worker-", "useRegex", "true", "operation", "max"))) {
            assertThat(scaler.read().value()).isEqualTo(6);
            assertThat(scaler.metricSpec().metricName()).isEqualTo("s1-azure-servicebus-events");
        }
        assertThat(namespace.requests.get(0).path()).isEqualToIgnoringCase("/events/Subscriptions");
    }

    @Test
    void missingQueueNamesTheQueueAndRecoversOnceItExists() throws Exception {
        try (Scaler scaler = factory.create(trigger("queueName", "orders"))) {
            assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("queue 'orders' not found").hasMessageContaining(namespace.authority());
            namespace.queue("orders", new Counts(2, 0, 0, 0, 0));
            assertThat(scaler.read().value()).isEqualTo(2);
        }
    }

    @Test
    void notFoundAnswerNamesTheSubscriptionAndTopic() throws Exception {
        try (Scaler scaler = factory.create(trigger("topicName", "events", "subscriptionName", "workers"))) {
            assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("subscription 'workers' of topic 'events' not found")
                    .hasMessageContaining("HTTP 404");
        }
    }

    @Test
    void wrongKeyIsUnauthorisedWithoutQuotingAnySecret() throws Exception {
        namespace.queue("orders", new Counts(1, 0, 0, 0, 0));
        String wrongKey = "d3Jvbmcta2V5LXRoYXQtaXMtbm90LXRoZS1yaWdodC1vbmU=";
        TriggerConfig config = new TriggerConfig(0, ServiceBusScalerFactory.TYPE, null, Map.of("queueName", "orders"),
                Map.of("connection", "Endpoint=sb://" + namespace.authority() + "/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + wrongKey),
                null, null);
        try (Scaler scaler = factory.create(config)) {
            assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("refused the credentials (HTTP 401: InvalidSignature")
                    .hasMessageNotContaining(wrongKey).hasMessageNotContaining("sig=");
        }
        assertThat(namespace.requests).hasSize(1); // 401 is not retried
    }

    @Test
    void scriptedUnauthorisedAnswerIsReportedThenTheNextReadRecovers() throws Exception {
        namespace.queue("orders", new Counts(3, 0, 0, 0, 0));
        try (Scaler scaler = factory.create(trigger("queueName", "orders"))) {
            namespace.fail(401, null, "ExpiredToken: The token is expired.", 1);
            assertThatThrownBy(scaler::read).hasMessageContaining("HTTP 401: ExpiredToken");
            assertThat(scaler.read().value()).isEqualTo(3);
        }
    }

    @Test
    void throttlingWithALongRetryAfterFailsAtOnceAndTheNextReadRecovers() throws Exception {
        namespace.queue("orders", new Counts(5, 0, 0, 0, 0));
        for (int status : new int[] {429, 503}) {
            namespace.requests.clear();
            try (Scaler scaler = factory.create(trigger("queueName", "orders"))) {
                namespace.fail(status, "30", "SubCode=50009. Server busy. Please retry later.", 1);
                long start = System.nanoTime();
                assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                        .hasMessageContaining("throttling requests (HTTP " + status + ", Retry-After 30 s: SubCode=50009")
                        .hasMessageNotContaining(KEY);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
                assertThat(namespace.requests).hasSize(1);
                assertThat(scaler.read().value()).isEqualTo(5);
            }
        }
    }

    @Test
    void persistentThrottlingWithoutRetryAfterGivesUpAfterTheRetryBound() throws Exception {
        namespace.queue("orders", new Counts(5, 0, 0, 0, 0));
        try (Scaler scaler = factory.create(trigger("queueName", "orders"))) {
            namespace.fail(503, null, "Server busy.", 10);
            assertThatThrownBy(scaler::read).hasMessageContaining("throttling requests (HTTP 503: Server busy.)");
            assertThat(namespace.requests).hasSize(FAST.maxRetries() + 1);
            namespace.clearScript();
            assertThat(scaler.read().value()).isEqualTo(5);
        }
    }

    @Test
    void aThrottledFirstTryIsRetriedWithinTheSameRead() throws Exception {
        namespace.queue("orders", new Counts(5, 0, 0, 0, 0));
        try (Scaler scaler = factory.create(trigger("queueName", "orders"))) {
            namespace.fail(503, null, "Server busy.", 1);
            assertThat(scaler.read().value()).isEqualTo(5);
        }
        assertThat(namespace.requests).hasSize(2);
    }

    @Test
    void unreachableNamespaceFailsQuicklyWithoutSecrets() throws Exception {
        String authority = namespace.authority();
        namespace.close();
        try (Scaler scaler = factory.create(new TriggerConfig(0, ServiceBusScalerFactory.TYPE, null, Map.of("queueName", "orders"),
                Map.of("connection", "Endpoint=sb://" + authority + "/;SharedAccessKeyName=k;SharedAccessKey=" + KEY), null, null))) {
            long start = System.nanoTime();
            assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("cannot reach Service Bus namespace " + authority).hasMessageNotContaining(KEY);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void readyMadeSharedAccessSignatureIsSentAsIs() throws Exception {
        namespace.queue("orders", new Counts(8, 0, 0, 0, 0));
        String sas = SharedAccessSignatureCredential.sign("https://127.0.0.1", FakeServiceBusNamespace.KEY_NAME, KEY,
                java.time.Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
        TriggerConfig config = new TriggerConfig(0, ServiceBusScalerFactory.TYPE, null, Map.of("queueName", "orders"),
                Map.of("connection", "Endpoint=sb://" + namespace.authority() + "/;SharedAccessSignature=" + sas), null, null);
        try (Scaler scaler = factory.create(config)) {
            assertThat(scaler.read().value()).isEqualTo(8);
        }
        assertThat(namespace.requests.get(0).authorization()).isEqualTo(sas);
    }

    @Test
    void clientsAreSharedPerNamespaceAndCredentialAndDroppedWithTheLastScaler() throws Exception {
        namespace.queue("a", new Counts(1, 0, 0, 0, 0));
        namespace.queue("b", new Counts(2, 0, 0, 0, 0));
        Scaler a = factory.create(trigger("queueName", "a"));
        Scaler b = factory.create(trigger("queueName", "b"));
        assertThat(factory.clients()).isEqualTo(1);
        Scaler otherKey = factory.create(new TriggerConfig(0, ServiceBusScalerFactory.TYPE, null, Map.of("queueName", "a"),
                Map.of("connection", "Endpoint=sb://" + namespace.authority() + "/;SharedAccessKeyName=other;SharedAccessKey=x"), null, null));
        assertThat(factory.clients()).isEqualTo(2);
        otherKey.close();
        a.close();
        a.close();
        assertThat(factory.clients()).isEqualTo(1);
        assertThat(b.read().value()).isEqualTo(2);
        assertThatThrownBy(a::read).hasMessageContaining("closed");
        b.close();
        assertThat(factory.clients()).isZero();
    }

    @Test
    void theRegistryFindsTheFactory() throws Exception {
        try (dev.ebbflow.scalers.ScalerRegistry registry = dev.ebbflow.scalers.ScalerRegistry.loadInstalled()) {
            assertThat(registry.types()).contains("azure-servicebus", "rabbitmq");
        }
    }

    @Test
    void workloadIdentityTokenIsSentToTheNamespaceOfThePrivateCloud() throws Exception {
        namespace.queue("orders", new Counts(6, 1, 0, 0, 0));
        namespace.acceptedAadToken = "eyJ0eXAiOiJKV1QifQ.fake.token";
        List<String> scopes = new java.util.concurrent.CopyOnWriteArrayList<>();
        workloadIdentity = request -> {
            scopes.addAll(request.getScopes());
            return Mono.just(new AccessToken(namespace.acceptedAadToken, OffsetDateTime.now().plusHours(1)));
        };
        // The namespace is <namespace>.<endpointSuffix>; split so that it lands on the test server.
        String port = namespace.authority().substring(namespace.authority().indexOf(':') + 1);
        TriggerConfig config = new TriggerConfig(0, ServiceBusScalerFactory.TYPE, null,
                Map.of("queueName", "orders", "namespace", "127.0.0", "cloud", "Private", "endpointSuffix", "1:" + port),
                Map.of(), "azure-workload", null);
        try (Scaler scaler = factory.create(config)) {
            assertThat(scaler.read().value()).isEqualTo(6);
        }
        assertThat(scopes).containsExactly("https://servicebus.azure.net/.default");
        assertThat(namespace.requests.get(0).authorization()).isEqualTo("Bearer " + namespace.acceptedAadToken);
    }

    @Test
    void workloadIdentityWithoutATokenIsAnAuthenticationError() throws Exception {
        String port = namespace.authority().substring(namespace.authority().indexOf(':') + 1);
        workloadIdentity = request -> Mono.error(new com.azure.identity.CredentialUnavailableException(
                "WorkloadIdentityCredential authentication unavailable. The workload options are not fully configured."));
        TriggerConfig config = new TriggerConfig(0, ServiceBusScalerFactory.TYPE, null,
                Map.of("queueName", "orders", "namespace", "127.0.0", "cloud", "Private", "endpointSuffix", "1:" + port),
                Map.of(), "azure-workload", null);
        try (Scaler scaler = factory.create(config)) {
            assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("could not authenticate to Service Bus namespace 127.0.0.1:" + port)
                    .hasMessageContaining("WorkloadIdentityCredential authentication unavailable");
        }
        assertThat(namespace.requests).isEmpty();
    }

    @Test
    void aHungNamespaceTimesOutWithinTheBound() throws Exception {
        namespace.queue("orders", new Counts(1, 0, 0, 0, 0));
        AdministrationClientPool.Settings impatient =
                new AdministrationClientPool.Settings(Duration.ofMillis(500), Duration.ofMillis(300), 1, Duration.ofMillis(10), Duration.ofMillis(20));
        try (ServiceBusScalerFactory quick = new ServiceBusScalerFactory(impatient, tls.client, () -> workloadIdentity, Clock.systemUTC());
                Scaler scaler = quick.create(trigger("queueName", "orders"))) {
            namespace.stall(1500, 2);
            long start = System.nanoTime();
            assertThatThrownBy(scaler::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("timed out reading queue 'orders' from Service Bus namespace " + namespace.authority());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
            namespace.clearScript();
            assertThat(scaler.read().value()).isEqualTo(1);
        }
    }
}
