package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics API's delegated authentication and authorization against an API server that answers reviews as scripted. */
class DelegatedAuthorizationHttpTest {
    private static final String SAR_PATH = "/apis/authorization.k8s.io/v1/subjectaccessreviews";
    private static final String TOKEN_REVIEW_PATH = "/apis/authentication.k8s.io/v1/tokenreviews";
    private static final String METRICS = "/apis/external.metrics.k8s.io/v1beta1/namespaces/shop/";

    private static KubernetesMockServer apiServer;
    private static KubernetesClient client;
    private static Vertx vertx;
    private static ExternalMetricsApiServer server;
    private static HttpClient frontProxy;
    private static HttpClient noCertificate;

    @BeforeAll
    static void start() {
        apiServer = new KubernetesMockServer(false);
        apiServer.init();
        client = apiServer.createClient();
        vertx = Vertx.vertx();
        Instant now = Instant.now();
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority("request-header-ca", now.minusSeconds(60), Duration.ofDays(1));
        String caPem = ca.certificatePem();
        ServingCertificate serving = ServingCertificate.selfSigned(List.of("localhost"), Clock.systemUTC());
        KubernetesAccessReviews reviews = new KubernetesAccessReviews(client);
        server = new ExternalMetricsApiServer(vertx, ExternalMetricsApiServer.Options.withDelegatedAuthorization("127.0.0.1", 0, serving,
                new ClientCertificateAuthenticator(ClientCaSource.fromPem(() -> caPem), Set.of("front-proxy-client"), Clock.systemUTC()),
                ExternalMetricsApiServer.DelegatedAccess.kubernetesDefaults(reviews, RequestHeaderNames::defaults, Clock.systemUTC())),
                (namespace, metric, selector) -> List.of(ExternalMetricValue.of(metric, Map.of(), now, 7)));
        server.start();
        frontProxy = TlsClients.httpClient(TlsClients.serverCertificate(serving),
                CertificateIssuer.clientCertificate(ca, "front-proxy-client", now.minusSeconds(60), Duration.ofDays(1)));
        noCertificate = TlsClients.httpClient(TlsClients.serverCertificate(serving), null);
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        client.close();
        apiServer.destroy();
    }

    private static HttpResponse<String> get(HttpClient http, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void answerAccessReview(int code, boolean allowed, String reason) {
        apiServer.expect().post().withPath(SAR_PATH).andReturn(code, code != 201 ? Map.of("kind", "Status", "code", code)
                : new SubjectAccessReviewBuilder().withNewStatus().withAllowed(allowed).withReason(reason).endStatus().build()).once();
    }

    /** The bodies of the review requests the API server got since the last call, in order (the client may retry a failed one). */
    private static List<JsonObject> reviewsSent(String path) throws InterruptedException {
        List<JsonObject> bodies = new java.util.ArrayList<>();
        RecordedRequest request;
        while ((request = apiServer.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            assertThat(request.getMethod()).isEqualTo("POST");
            assertThat(request.getPath()).isEqualTo(path);
            bodies.add(new JsonObject(request.getBody().readUtf8()));
        }
        return bodies;
    }

    /** The one review request sent since the last call. */
    private static JsonObject nextReview(String path) throws InterruptedException {
        List<JsonObject> sent = reviewsSent(path);
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    @BeforeEach
    void forgetEarlierRequests() throws InterruptedException {
        while (apiServer.takeRequest(50, TimeUnit.MILLISECONDS) != null) {
            // Requests of an earlier test.
        }
    }

    private static void assertStatus(HttpResponse<String> response, int code, String reason, String... messageParts) {
        assertThat(response.statusCode()).isEqualTo(code);
        JsonObject status = new JsonObject(response.body());
        assertThat(status.getString("kind")).isEqualTo("Status");
        assertThat(status.getString("reason")).isEqualTo(reason);
        assertThat(status.getInteger("code")).isEqualTo(code);
        assertThat(status.getString("message")).contains(messageParts);
    }

    @Test
    void allowedCallerGetsTheValueAndTheAnswerIsReusedForTheNextRequest() throws Exception {
        answerAccessReview(201, true, "RBAC: allowed");
        int before = apiServer.getRequestCount();
        HttpResponse<String> response = get(frontProxy, METRICS + "s0-rabbitmq-orders", "X-Remote-User", "system:serviceaccount:kube-system:hpa",
                "X-Remote-Group", "system:serviceaccounts", "X-Remote-Group", "system:authenticated", "X-Remote-Extra-Scopes", "metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getJsonArray("items").getJsonObject(0).getString("value")).isEqualTo("7");

        JsonObject review = nextReview(SAR_PATH);
        assertThat(review.getString("apiVersion")).isEqualTo("authorization.k8s.io/v1");
        assertThat(review.getString("kind")).isEqualTo("SubjectAccessReview");
        JsonObject spec = review.getJsonObject("spec");
        assertThat(spec.getString("user")).isEqualTo("system:serviceaccount:kube-system:hpa");
        assertThat(spec.getJsonArray("groups").getList()).containsExactly("system:serviceaccounts", "system:authenticated");
        assertThat(spec.getJsonObject("extra").getJsonArray("scopes").getList()).containsExactly("metrics");
        assertThat(spec.getJsonObject("resourceAttributes").getMap()).isEqualTo(Map.of("group", "external.metrics.k8s.io", "version", "v1beta1",
                "resource", "s0-rabbitmq-orders", "namespace", "shop", "verb", "list"));
        assertThat(spec.containsKey("nonResourceAttributes")).isFalse();

        // Same caller, same metric: answered from the cache, no second review (none is scripted either).
        assertThat(get(frontProxy, METRICS + "s0-rabbitmq-orders", "X-Remote-User", "system:serviceaccount:kube-system:hpa",
                "X-Remote-Group", "system:serviceaccounts", "X-Remote-Group", "system:authenticated", "X-Remote-Extra-Scopes", "metrics")
                .statusCode()).isEqualTo(200);
        assertThat(apiServer.getRequestCount()).isEqualTo(before + 1);
    }

    @Test
    void deniedCallerGetsAForbiddenStatusNamingUserAndResource() throws Exception {
        answerAccessReview(201, false, "no RBAC policy matched");
        HttpResponse<String> response = get(frontProxy, METRICS + "s0-rabbitmq-payments", "X-Remote-User", "mallory");
        assertStatus(response, 403, "Forbidden", "User \"mallory\" cannot list resource \"s0-rabbitmq-payments\" in API group "
                + "\"external.metrics.k8s.io\" in the namespace \"shop\"", "no RBAC policy matched");
        JsonObject details = new JsonObject(response.body()).getJsonObject("details");
        assertThat(details.getString("group")).isEqualTo("external.metrics.k8s.io");
        assertThat(details.getString("kind")).isEqualTo("s0-rabbitmq-payments");
        assertThat(nextReview(SAR_PATH).getJsonObject("spec").getString("user")).isEqualTo("mallory");
    }

    @Test
    void aFailingReviewFailsClosedAndIsAskedAgainNextTime() throws Exception {
        answerAccessReview(500, false, null);
        assertStatus(get(frontProxy, METRICS + "s0-rabbitmq-invoices", "X-Remote-User", "carol"), 500, "InternalError", "authorization check");
        assertThat(reviewsSent(SAR_PATH)).isNotEmpty();
        answerAccessReview(201, true, "");
        assertThat(get(frontProxy, METRICS + "s0-rabbitmq-invoices", "X-Remote-User", "carol").statusCode()).isEqualTo(200);
        nextReview(SAR_PATH);
    }

    @Test
    void aReviewWithoutStatusAllowsNothing() throws Exception {
        apiServer.expect().post().withPath(SAR_PATH).andReturn(201, new SubjectAccessReviewBuilder().withNewSpec().withUser("dave").endSpec().build()).once();
        assertStatus(get(frontProxy, METRICS + "s0-rabbitmq-refunds", "X-Remote-User", "dave"), 403, "Forbidden", "User \"dave\"");
        nextReview(SAR_PATH);
    }

    @Test
    void discoveryIsReviewedAsANonResourcePath() throws Exception {
        answerAccessReview(201, true, "");
        assertThat(get(frontProxy, "/apis", "X-Remote-User", "erin").statusCode()).isEqualTo(200);
        JsonObject spec = nextReview(SAR_PATH).getJsonObject("spec");
        assertThat(spec.getJsonObject("nonResourceAttributes").getMap()).isEqualTo(Map.of("path", "/apis", "verb", "get"));
        assertThat(spec.containsKey("resourceAttributes")).isFalse();

        answerAccessReview(201, false, "");
        assertStatus(get(frontProxy, "/apis/external.metrics.k8s.io/v1beta1", "X-Remote-User", "erin"), 403, "Forbidden",
                "User \"erin\" cannot get path \"/apis/external.metrics.k8s.io/v1beta1\"");
        nextReview(SAR_PATH);
    }

    @Test
    void aBearerTokenIsReviewedThenTheUserItNamesIsAuthorized() throws Exception {
        apiServer.expect().post().withPath(TOKEN_REVIEW_PATH).andReturn(201, new TokenReviewBuilder().withNewStatus().withAuthenticated(true)
                .withNewUser().withUsername("frank").withUid("42").withGroups("devs").endUser().endStatus().build()).once();
        answerAccessReview(201, true, "");
        assertThat(get(noCertificate, METRICS + "s0-rabbitmq-tokens", "Authorization", "Bearer frank-token").statusCode()).isEqualTo(200);
        RecordedRequest tokenReview = apiServer.takeRequest(10, TimeUnit.SECONDS);
        assertThat(tokenReview.getPath()).isEqualTo(TOKEN_REVIEW_PATH);
        assertThat(new JsonObject(tokenReview.getBody().readUtf8()).getJsonObject("spec").getString("token")).isEqualTo("frank-token");
        JsonObject spec = nextReview(SAR_PATH).getJsonObject("spec");
        assertThat(spec.getString("user")).isEqualTo("frank");
        assertThat(spec.getString("uid")).isEqualTo("42");
        // As Kubernetes' delegated authentication does, the caller is put in system:authenticated.
        assertThat(spec.getJsonArray("groups").getList()).containsExactly("devs", "system:authenticated");
    }

    @Test
    void aRejectedTokenIsUnauthorizedWithoutAnAccessReview() throws Exception {
        apiServer.expect().post().withPath(TOKEN_REVIEW_PATH).andReturn(201, new TokenReviewBuilder().withNewStatus().withAuthenticated(false)
                .withError("token expired").endStatus().build()).once();
        HttpResponse<String> response = get(noCertificate, METRICS + "s0-rabbitmq-tokens", "Authorization", "Bearer stale-token");
        assertStatus(response, 401, "Unauthorized", "bearer token not accepted");
        assertThat(response.body()).doesNotContain("stale-token");
        nextReview(TOKEN_REVIEW_PATH);
    }

    @Test
    void headersWithoutTheFrontProxysCertificateAreNotBelieved() throws Exception {
        int before = apiServer.getRequestCount();
        assertStatus(get(noCertificate, METRICS + "s0-rabbitmq-orders", "X-Remote-User", "system:admin", "X-Remote-Group", "system:masters"),
                401, "Unauthorized", "no client certificate presented");
        assertThat(apiServer.getRequestCount()).isEqualTo(before);
    }

    @Test
    void healthNeedsNeitherCertificateNorReview() throws Exception {
        int before = apiServer.getRequestCount();
        for (String path : List.of("/healthz", "/readyz", "/livez")) {
            assertThat(get(noCertificate, path).statusCode()).isEqualTo(200);
        }
        assertThat(apiServer.getRequestCount()).isEqualTo(before);
    }
}
