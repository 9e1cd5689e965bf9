package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalMetricsApiServerTest {
    private static final String AGGREGATOR = "front-proxy-client";
    private static final Instant READ_AT = Instant.parse("2026-11-25T10:15:30.123Z");
    private static final String BASE = "/apis/external.metrics.k8s.io/v1beta1";

    private static Vertx vertx;
    private static ExternalMetricsApiServer server;
    private static X509Certificate serverCertificate;
    private static CertificateIssuer.Issued requestHeaderCa;
    private static HttpClient aggregator;
    private static final AtomicReference<LabelSelector> lastSelector = new AtomicReference<>();

    /** In-memory metrics: two ScaledObjects' values of one metric name, plus metrics that fail in each documented way. */
    private static List<ExternalMetricValue> read(String namespace, String metric, LabelSelector selector) throws MetricLookupException {
        lastSelector.set(selector);
        switch (metric) {
            case "s0-rabbitmq-missing" -> throw MetricLookupException.notFound("no ScaledObject in namespace " + namespace + " exposes metric " + metric);
            case "s0-rabbitmq-down" -> throw MetricLookupException.unavailable("trigger source for " + metric + " is unavailable", null);
            case "s0-rabbitmq-crash" -> throw new IllegalStateException("password=hunter2 leaked by a client library");
            default -> {
                return List.of(
                        ExternalMetricValue.of(metric, Map.of("scaledobject.keda.sh/name", "orders"), READ_AT, 1.5),
                        ExternalMetricValue.of(metric, Map.of("scaledobject.keda.sh/name", "payments"), READ_AT, 15))
                        .stream().filter(v -> selector.matches(v.metricLabels())).toList();
            }
        }
    }

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        Instant now = Instant.now();
        requestHeaderCa = CertificateIssuer.certificateAuthority("request-header-ca", now.minusSeconds(60), Duration.ofDays(1));
        ServingCertificate serving = ServingCertificate.selfSigned(List.of("ebbflow-metrics.ebbflow.svc"), Clock.systemUTC());
        serverCertificate = TlsClients.serverCertificate(serving);
        ClientCertificateAuthenticator authenticator = new ClientCertificateAuthenticator(
                ClientCaSource.fromPem(requestHeaderCa::certificatePem), Set.of(AGGREGATOR), Clock.systemUTC());
        server = new ExternalMetricsApiServer(vertx,
                ExternalMetricsApiServer.Options.withClientAuthentication("127.0.0.1", 0, serving, authenticator),
                ExternalMetricsApiServerTest::read);
        server.start();
        aggregator = TlsClients.httpClient(serverCertificate, client(requestHeaderCa, AGGREGATOR));
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static CertificateIssuer.Issued client(CertificateIssuer.Issued ca, String commonName) {
        return CertificateIssuer.clientCertificate(ca, commonName, Instant.now().minusSeconds(60), Duration.ofDays(1));
    }

    private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        return new JsonObject(response.body());
    }

    private static void assertStatus(HttpResponse<String> response, int code, String reason, String messagePart) {
        assertThat(response.statusCode()).isEqualTo(code);
        JsonObject status = json(response);
        assertThat(status.getString("kind")).isEqualTo("Status");
        assertThat(status.getString("apiVersion")).isEqualTo("v1");
        assertThat(status.getString("status")).isEqualTo("Failure");
        assertThat(status.getString("reason")).isEqualTo(reason);
        assertThat(status.getInteger("code")).isEqualTo(code);
        assertThat(status.getString("message")).contains(messagePart);
    }

    @Test
    void servesDiscoveryDocuments() throws Exception {
        JsonObject groups = json(get(aggregator, "/apis"));
        assertThat(groups.getString("kind")).isEqualTo("APIGroupList");
        JsonObject group = groups.getJsonArray("groups").getJsonObject(0);
        assertThat(group.getString("name")).isEqualTo("external.metrics.k8s.io");
        assertThat(group.getJsonObject("preferredVersion").getString("groupVersion")).isEqualTo("external.metrics.k8s.io/v1beta1");

        JsonObject apiGroup = json(get(aggregator, "/apis/external.metrics.k8s.io"));
        assertThat(apiGroup.getString("kind")).isEqualTo("APIGroup");
        assertThat(apiGroup.getJsonArray("versions").getJsonObject(0).getString("version")).isEqualTo("v1beta1");

        JsonObject resources = json(get(aggregator, BASE));
        assertThat(resources.getString("kind")).isEqualTo("APIResourceList");
        assertThat(resources.getString("groupVersion")).isEqualTo("external.metrics.k8s.io/v1beta1");
        JsonObject resource = resources.getJsonArray("resources").getJsonObject(0);
        assertThat(resource.getString("name")).isEqualTo("externalmetrics");
        assertThat(resource.getBoolean("namespaced")).isTrue();
        assertThat(resource.getString("kind")).isEqualTo("ExternalMetricValueList");
        assertThat(resource.getJsonArray("verbs").getList()).containsExactly("get");

        // The aggregator asks /apis for aggregated discovery first and falls back to the documents above on 406.
        HttpResponse<String> aggregated = aggregator.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/apis"))
                .header("X-Remote-User", "system:kube-aggregator")
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertStatus(aggregated, 406, "NotAcceptable", "application/json");

        JsonObject openApi = json(get(aggregator, "/openapi/v2"));
        assertThat(openApi.getString("swagger")).isEqualTo("2.0");
        assertThat(openApi.getJsonObject("paths").fieldNames()).containsExactly("/apis/external.metrics.k8s.io/v1beta1/namespaces/{namespace}/{metricName}");
    }

    @Test
    void servesTheValueListTheHpaAsksFor() throws Exception {
        String selector = URLEncoder.encode("scaledobject.keda.sh/name=orders", StandardCharsets.UTF_8);
        HttpResponse<String> response = get(aggregator, BASE + "/namespaces/shop/s0-rabbitmq-orders?labelSelector=" + selector);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject list = json(response);
        assertThat(list.getString("kind")).isEqualTo("ExternalMetricValueList");
        assertThat(list.getString("apiVersion")).isEqualTo("external.metrics.k8s.io/v1beta1");
        assertThat(list.getJsonObject("metadata")).isEqualTo(new JsonObject());
        assertThat(list.getJsonArray("items")).hasSize(1);
        JsonObject item = list.getJsonArray("items").getJsonObject(0);
        assertThat(item.getString("metricName")).isEqualTo("s0-rabbitmq-orders");
        assertThat(item.getJsonObject("metricLabels").getMap()).isEqualTo(Map.of("scaledobject.keda.sh/name", "orders"));
        assertThat(item.getString("timestamp")).isEqualTo("2026-11-25T10:15:30Z");
        assertThat(item.getString("value")).isEqualTo("1500m");
        assertThat(lastSelector.get().equalityValue("scaledobject.keda.sh/name")).contains("orders");
    }

    @Test
    void speaksHttp2AsTheAggregatorPrefers() throws Exception {
        HttpClient http2 = TlsClients.httpClient(serverCertificate, client(requestHeaderCa, AGGREGATOR), HttpClient.Version.HTTP_2);
        HttpResponse<String> response = get(http2, BASE + "/namespaces/shop/s0-rabbitmq-orders");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutSelectorReturnsEveryValueAsQuantities() throws Exception {
        JsonObject list = json(get(aggregator, BASE + "/namespaces/shop/s0-rabbitmq-orders"));
        assertThat(list.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("value")).toList()).containsExactly("1500m", "15");
    }

    @Test
    void malformedSelectorIsABadRequestNamingLabelSelector() throws Exception {
        String selector = URLEncoder.encode("scaledobject.keda.sh/name=a=b", StandardCharsets.UTF_8);
        assertStatus(get(aggregator, BASE + "/namespaces/shop/s0-rabbitmq-orders?labelSelector=" + selector), 400, "BadRequest", "labelSelector");
    }

    @Test
    void unknownMetricIsNotFound() throws Exception {
        assertStatus(get(aggregator, BASE + "/namespaces/shop/s0-rabbitmq-missing"), 404, "NotFound", "s0-rabbitmq-missing");
    }

    @Test
    void unavailableSourceIsServiceUnavailable() throws Exception {
        assertStatus(get(aggregator, BASE + "/namespaces/shop/s0-rabbitmq-down"), 503, "ServiceUnavailable", "unavailable");
    }

    @Test
    void unexpectedFailureIsAnInternalErrorThatHidesTheExceptionText() throws Exception {
        HttpResponse<String> response = get(aggregator, BASE + "/namespaces/shop/s0-rabbitmq-crash");
        assertStatus(response, 500, "InternalError", "s0-rabbitmq-crash");
        assertThat(response.body()).doesNotContain("hunter2");
    }

    @Test
    void unknownPathsAndMethodsGetStatusBodies() throws Exception {
        assertStatus(get(aggregator, "/apis/custom.metrics.k8s.io/v1beta1"), 404, "NotFound", "could not find");
        HttpResponse<String> post = aggregator.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + BASE))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertStatus(post, 405, "MethodNotAllowed", "method");
    }

    @Test
    void clientWithoutCertificateIsUnauthorized() throws Exception {
        assertStatus(get(TlsClients.httpClient(serverCertificate, null), BASE + "/namespaces/shop/s0-rabbitmq-orders"),
                401, "Unauthorized", "no client certificate");
    }

    @Test
    void certificateFromAnotherCaIsUnauthorized() throws Exception {
        CertificateIssuer.Issued otherCa = CertificateIssuer.certificateAuthority("other-ca", Instant.now().minusSeconds(60), Duration.ofDays(1));
        HttpClient impostor = TlsClients.httpClient(serverCertificate, client(otherCa, AGGREGATOR));
        assertStatus(get(impostor, BASE), 401, "Unauthorized", "not accepted");
    }

    @Test
    void commonNameOutsideAllowedNamesIsUnauthorized() throws Exception {
        HttpClient stranger = TlsClients.httpClient(serverCertificate, client(requestHeaderCa, "system:anonymous-proxy"));
        assertStatus(get(stranger, BASE), 401, "Unauthorized", "requestheader-allowed-names");
    }

    @Test
    void probesAnswerWithoutClientCertificate() throws Exception {
        HttpClient kubelet = TlsClients.httpClient(serverCertificate, null);
        for (String path : List.of("/livez", "/readyz", "/healthz")) {
            HttpResponse<String> response = get(kubelet, path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.body()).isEqualTo("ok");
        }
    }

    @Test
    void certificatesFromFilesAndAuthenticationDisabledForLocalDevelopment(@TempDir Path dir) throws Exception {
        CertificateIssuer.Issued issued = CertificateIssuer.selfSignedServer("localhost", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now().minusSeconds(60), Duration.ofDays(1));
        Path cert = Files.writeString(dir.resolve("tls.crt"), issued.certificatePem());
        Path key = Files.writeString(dir.resolve("tls.key"), issued.privateKeyPem());
        ExternalMetricsApiServer local = new ExternalMetricsApiServer(vertx,
                ExternalMetricsApiServer.Options.withoutClientAuthentication("127.0.0.1", 0, ServingCertificate.fromFiles(cert, key)),
                ExternalMetricsApiServerTest::read);
        int port = local.start();
        try {
            HttpResponse<String> response = TlsClients.httpClient(issued.certificate(), null).send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + BASE + "/namespaces/shop/s0-rabbitmq-orders")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            local.close();
        }
    }

    @Test
    void missingOrMalformedCertificateFilesAreNamed(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("tls.crt");
        assertThatThrownBy(() -> ServingCertificate.fromFiles(cert, dir.resolve("tls.key"))).hasMessageContaining("tls.crt");
        Files.writeString(cert, "not a certificate");
        Files.writeString(dir.resolve("tls.key"), "x");
        assertThatThrownBy(() -> ServingCertificate.fromFiles(cert, dir.resolve("tls.key")))
                .hasMessageContaining("tls.crt").hasMessageContaining("no PEM certificate");
    }
}
