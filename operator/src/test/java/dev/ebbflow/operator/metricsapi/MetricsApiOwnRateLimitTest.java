package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external metrics API's access reviews do not queue behind the reconcilers' API requests: with the
 * client the operator was given held completely (every request waits, as behind an exhausted token
 * bucket), a caller is still reviewed through the API server and answered. Were the reviews sent
 * through that client, the request would wait as long as the hold, so the test holds it until the
 * answer is in and asserts on what waited, not on how long anything took.
 */
@EnableKubernetesMockClient(crud = true)
class MetricsApiOwnRateLimitTest {

    private static final String NS = "ratelimit";
    private static final String METRIC = "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + NS + "/s0-rabbitmq-orders";

    static KubernetesClient client;
    static KubernetesMockServer server;

    @TempDir
    Path tls;

    /** Holds every request of the client it is on while closed: a saturated rate limiter, without the arithmetic. */
    static final class Hold implements Interceptor {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger held = new AtomicInteger();
        volatile boolean closed;

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (!closed) {
                return;
            }
            held.incrementAndGet();
            try {
                open.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void accessReviewsGoThroughTheMetricsApisOwnClientWhileTheReconcilersClientIsSaturated() throws Exception {
        Instant now = Instant.now();
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority("request-header-ca", now.minusSeconds(60), Duration.ofDays(1));
        CertificateIssuer.Issued serving = CertificateIssuer.selfSignedServer("localhost", List.of("localhost"), List.of("127.0.0.1"),
                now.minusSeconds(60), Duration.ofDays(1));
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("extension-apiserver-authentication").withNamespace("kube-system").endMetadata()
                .addToData("requestheader-client-ca-file", ca.certificatePem()).build()).createOr(existing -> existing.update());
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReturn(201, new SubjectAccessReviewBuilder()
                .withNewStatus().withAllowed(false).withReason("no RBAC policy matched").endStatus().build()).always();
        Path cert = Files.writeString(tls.resolve("tls.crt"), serving.certificatePem());
        Path key = Files.writeString(tls.resolve("tls.key"), serving.privateKeyPem());
        OperatorSettings settings = new OperatorSettings(Set.of(NS), 1000, 2000, "INFO", false, "ebbflow-operator", NS, NS, 0, 0,
                Optional.of(cert), Optional.of(key), Optional.empty(), Set.of("front-proxy-client"), true);

        Hold hold = new Hold();
        ExecutorService reconcilers = Executors.newFixedThreadPool(4);
        try (KubernetesClient reconcilerClient = new KubernetesClientBuilder().withConfig(client.getConfiguration())
                .withHttpClientFactory(new VertxHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("hold", hold)).build();
                EbbflowOperator operator = EbbflowOperator.builder().settings(settings).client(reconcilerClient)
                        .scalers(ScalerRegistry.loadInstalled()).bindHost("127.0.0.1").build().start()) {
            HttpClient frontProxy = TlsClients.httpClient(serving.certificate(),
                    CertificateIssuer.clientCertificate(ca, "front-proxy-client", now.minusSeconds(60), Duration.ofDays(1)));
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + operator.metricsApiPort() + METRIC))
                    .header("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler").timeout(Duration.ofMinutes(1)).GET().build();
            // Started and serving (its caches filled through the client) before the client is saturated.
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(send(frontProxy, request).statusCode()).isEqualTo(403));
            int reviewsBefore = reviews();

            hold.closed = true;
            for (int i = 0; i < 4; i++) {
                reconcilers.execute(() -> reconcilerClient.configMaps().inNamespace(NS).list());
            }
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(hold.held).as("reconciler requests held").hasValue(4));

            HttpResponse<String> response = send(frontProxy, java.net.http.HttpRequest.newBuilder(request.uri())
                    .header("X-Remote-User", "system:serviceaccount:kube-system:another-caller").timeout(Duration.ofMinutes(1)).GET().build());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
            assertThat(reviews()).as("SubjectAccessReviews the API server answered").isGreaterThan(reviewsBefore);
            assertThat(hold.held).as("no review waited behind the reconcilers' requests").hasValue(4);
        } finally {
            hold.open.countDown();
            reconcilers.shutdownNow();
        }
    }

    private static int reviews() {
        return (int) server.getRequestCount();
    }

    private static HttpResponse<String> send(HttpClient http, java.net.http.HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
