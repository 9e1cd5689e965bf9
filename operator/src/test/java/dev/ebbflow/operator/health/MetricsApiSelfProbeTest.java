package dev.ebbflow.operator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.testkit.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.PemKeyCertOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsApiSelfProbeTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private volatile long answerDelayMillis;
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void serveSlowHealthz() throws Exception {
        vertx = Vertx.vertx();
        CertificateIssuer.Issued cert = CertificateIssuer.selfSignedServer("self-probe-test", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now().minusSeconds(60), Duration.ofDays(1));
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(cert.certificatePem()))
                                .setKeyValue(Buffer.buffer(cert.privateKeyPem()))))
                .connectionHandler(c -> connections.incrementAndGet())
                .requestHandler(request -> {
                    requests.incrementAndGet();
                    vertx.setTimer(Math.max(1, answerDelayMillis), t -> request.response().end("ok"));
                })
                .listen().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void aSlowAnswerWithinTheLimitCountsAndNoSecondProbeIsSentMeanwhile() {
        answerDelayMillis = 1_500;
        // generous: a cold JVM's first TLS handshake on a busy machine takes seconds
        MetricsApiSelfProbe probe = new MetricsApiSelfProbe(vertx, "0.0.0.0", server.actualPort(), Duration.ofSeconds(60));
        for (int i = 0; i < 5; i++) {
            probe.probe(answers::incrementAndGet);
            Eventually.pause(Duration.ofMillis(100));
        }
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(answers).hasValue(1));
        assertThat(requests).hasValue(1);

        answerDelayMillis = 1;
        probe.probe(answers::incrementAndGet);
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(answers).hasValue(2));
        // the same connection: no new TLS handshake per probe
        assertThat(connections).hasValue(1);
        probe.close();
    }

    @Test
    void aProbeThatGetsNoAnswerInTimeFreesTheWayForTheNext() throws Exception {
        // accepts connections and never answers, not even the TLS handshake
        AtomicInteger silentConnections = new AtomicInteger();
        NetServer silent = vertx.createNetServer().connectHandler(socket -> silentConnections.incrementAndGet())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        MetricsApiSelfProbe probe = new MetricsApiSelfProbe(vertx, "127.0.0.1", silent.actualPort(), Duration.ofMillis(300));
        probe.probe(answers::incrementAndGet);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(silentConnections).hasValue(1));
        // the health sampler keeps probing at its own pace; once the first has given up, the next goes out
        Eventually.within(Duration.ofSeconds(30), () -> {
            probe.probe(answers::incrementAndGet);
            assertThat(silentConnections).hasValueGreaterThan(1);
        });
        assertThat(answers).hasValue(0);
        probe.close();
    }
}
