package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A slow trigger source delays only the requests for its own metric, and shares one read among them. */
class MetricReadIsolationTest {
    private static final String METRICS = "/apis/external.metrics.k8s.io/v1beta1/namespaces/shop/";

    private final CountDownLatch brokerAnswers = new CountDownLatch(1);
    private final AtomicInteger slowReads = new AtomicInteger();
    private Vertx vertx;
    private ExternalMetricsApiServer server;
    private HttpClient client;

    private void start(Duration readTimeout) {
        vertx = Vertx.vertx();
        ServingCertificate serving = ServingCertificate.selfSigned(List.of("localhost"), Clock.systemUTC());
        server = new ExternalMetricsApiServer(vertx, ExternalMetricsApiServer.Options.withoutClientAuthentication("127.0.0.1", 0, serving),
                (namespace, metric, selector) -> {
                    if (metric.startsWith("s0-slow")) {
                        slowReads.incrementAndGet();
                        try {
                            brokerAnswers.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return List.of(ExternalMetricValue.of(metric, Map.of(), Instant.now(), 3));
                }, readTimeout);
        server.start();
        client = TlsClients.httpClient(TlsClients.serverCertificate(serving), null, HttpClient.Version.HTTP_2);
    }

    @AfterEach
    void stop() {
        brokerAnswers.countDown();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void otherMetricsAreServedWhileOneSourceHangsAndItsWaitersShareOneRead() throws Exception {
        start(Duration.ofSeconds(60));
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // Selectors written differently but meaning the same share the read.
            String selector = URLEncoder.encode(i % 2 == 0 ? "scaledobject.keda.sh/name=orders" : "scaledobject.keda.sh/name==orders", StandardCharsets.UTF_8);
            waiting.add(get(METRICS + "s0-slow-orders?labelSelector=" + selector));
        }
        // More requests than the event loop has threads, all answered while the slow reads hang.
        for (int i = 0; i < 50; i++) {
            assertThat(get(METRICS + "s0-fast-" + i).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        brokerAnswers.countDown();
        for (CompletableFuture<HttpResponse<String>> response : waiting) {
            HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(answer.body()).getJsonArray("items")).hasSize(1);
        }
        assertThat(slowReads).hasValue(1);
    }

    @Test
    void aRequestStopsWaitingAfterTheTimeoutWithServiceUnavailable() throws Exception {
        start(Duration.ofSeconds(2));
        HttpResponse<String> response = get(METRICS + "s0-slow-payments").get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(503);
        JsonObject status = new JsonObject(response.body());
        assertThat(status.getString("reason")).isEqualTo("ServiceUnavailable");
        assertThat(status.getString("message")).contains("s0-slow-payments", "took longer than 2000 ms");
        // The timed-out request's wait ended, not the read: once the source answers, the metric is served again.
        brokerAnswers.countDown();
        assertThat(get(METRICS + "s0-slow-payments").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
}
