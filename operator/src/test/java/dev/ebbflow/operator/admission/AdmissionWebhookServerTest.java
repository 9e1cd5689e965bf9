package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.metricsapi.ServingCertificate;
import dev.ebbflow.operator.metricsapi.TlsClients;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook's HTTP shell: what it answers for a decision, a failed decision and a body that is no AdmissionReview. */
class AdmissionWebhookServerTest {

    private static final String REVIEW = """
            {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview",
             "request": {"uid": "u-1", "kind": {"group": "keda.sh", "version": "v1alpha1", "kind": "ScaledObject"},
                         "operation": "CREATE", "namespace": "apps", "name": "orders", "object": {"metadata": {"name": "orders"}}}}
            """;

    private final Vertx vertx = Vertx.vertx();
    private final ServingCertificate certificate = ServingCertificate.selfSigned(List.of("localhost"), Clock.systemUTC());
    private AdmissionWebhookServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private HttpResponse<String> post(Function<AdmissionReview, Verdict> decision, String path, String body) throws Exception {
        server = new AdmissionWebhookServer(vertx, "127.0.0.1", 0, certificate, decision);
        int port = server.start();
        HttpClient client = TlsClients.httpClient(TlsClients.serverCertificate(certificate), null);
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersEveryKindsPathWithTheDecision() throws Exception {
        HttpResponse<String> response = post(review -> new Verdict(List.of("spec.x: " + review.kind()), List.of("w")),
                "/validate-keda-sh-v1alpha1-clustertriggerauthentication", REVIEW);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject answer = new JsonObject(response.body()).getJsonObject("response");
        assertThat(answer.getString("uid")).isEqualTo("u-1");
        assertThat(answer.getBoolean("allowed")).isFalse();
        assertThat(answer.getJsonObject("status").getString("message")).isEqualTo("spec.x: ScaledObject");
        assertThat(answer.getJsonArray("warnings").getList()).containsExactly("w");
    }

    @Test
    void aDecisionThatFailsIsA500SoTheFailurePolicyDecides() throws Exception {
        HttpResponse<String> response = post(review -> {
            throw new IllegalStateException("the API server is unreachable");
        }, "/validate-keda-sh-v1alpha1-scaledobject", REVIEW);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("ScaledObject orders").doesNotContain("unreachable");
    }

    @Test
    void aBodyThatIsNoAdmissionReviewIsA400() throws Exception {
        HttpResponse<String> garbage = post(review -> Verdict.allow(), "/validate-keda-sh-v1alpha1-scaledobject", "{not json");

        assertThat(garbage.statusCode()).isEqualTo(400);
    }
}
