package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the operator builds its metrics API: delegated authorization on unless turned off, header names from the cluster's ConfigMap. */
@EnableKubernetesMockClient(crud = true)
class MetricsApiAccessWiringTest {
    private static final String NS = "wiring";
    private static final String METRIC = "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + NS + "/s0-rabbitmq-orders";

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path tls;

    private final Instant now = Instant.now();
    private final CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority("request-header-ca", now.minusSeconds(60), Duration.ofDays(1));
    private final CertificateIssuer.Issued serving = CertificateIssuer.selfSignedServer("localhost", java.util.List.of("localhost"),
            java.util.List.of("127.0.0.1"), now.minusSeconds(60), Duration.ofDays(1));

    private EbbflowOperator start(boolean delegatedAuthorization) throws Exception {
        Path cert = Files.writeString(tls.resolve("tls.crt"), serving.certificatePem());
        Path key = Files.writeString(tls.resolve("tls.key"), serving.privateKeyPem());
        OperatorSettings settings = new OperatorSettings(Set.of(NS), 1000, 2000, "INFO", false, "ebbflow-operator", NS, NS, 0, 0,
                Optional.of(cert), Optional.of(key), Optional.empty(), Set.of("front-proxy-client"), delegatedAuthorization);
        return EbbflowOperator.builder().settings(settings).client(client).scalers(ScalerRegistry.loadInstalled()).bindHost("127.0.0.1").build().start();
    }

    private HttpResponse<String> get(EbbflowOperator operator, String userHeader, String user) {
        HttpClient frontProxy = TlsClients.httpClient(serving.certificate(),
                CertificateIssuer.clientCertificate(ca, "front-proxy-client", now.minusSeconds(60), Duration.ofDays(1)));
        try {
            return frontProxy.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + operator.metricsApiPort() + METRIC))
                    .header(userHeader, user).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void publishAuthenticationConfigMap() {
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("extension-apiserver-authentication").withNamespace("kube-system").endMetadata()
                .addToData("requestheader-client-ca-file", ca.certificatePem())
                .addToData("requestheader-username-headers", "[\"X-Custom-User\"]")
                .build()).createOr(existing -> existing.update());
    }

    @Test
    void byDefaultEachCallerIsReviewedUnderTheHeaderNamesTheClusterPublishes() throws Exception {
        publishAuthenticationConfigMap();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReturn(201, new SubjectAccessReviewBuilder()
                .withNewStatus().withAllowed(false).withReason("no RBAC policy matched").endStatus().build()).always();
        try (EbbflowOperator operator = start(true)) {
            Eventually.within(Duration.ofSeconds(15), () -> {
                HttpResponse<String> response = get(operator, "X-Custom-User", "system:serviceaccount:kube-system:hpa");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
                assertThat(new JsonObject(response.body()).getString("message")).contains("User \"system:serviceaccount:kube-system:hpa\"");
            });
            RecordedRequest review;
            do {
                // The operator's own watches and lists are recorded too.
                review = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(review).as("a SubjectAccessReview was sent").isNotNull();
            } while (!review.getPath().equals("/apis/authorization.k8s.io/v1/subjectaccessreviews"));
            assertThat(new JsonObject(review.getBody().readUtf8()).getJsonObject("spec").getString("user"))
                    .isEqualTo("system:serviceaccount:kube-system:hpa");
        }
    }

    @Test
    void turnedOffTheFrontProxysCertificateAloneAdmits() throws Exception {
        publishAuthenticationConfigMap();
        try (EbbflowOperator operator = start(false)) {
            Eventually.within(Duration.ofSeconds(15), () -> {
                HttpResponse<String> response = get(operator, "X-Custom-User", "anyone");
                // Admitted: the metric is looked up, and no ScaledObject serves it.
                assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            });
        }
    }
}
