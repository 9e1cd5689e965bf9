package dev.ebbflow.operator.https;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.KeyCertOptions;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A TLS handshake must not hold up the requests of connections already established on the same port. The external
 * metrics API serves every connection of one listener on one event-loop thread; during a start on thousands of
 * ScaledObjects, thread dumps caught that thread in handshake crypto (key exchange, signatures) while answers that
 * were ready waited seconds to be written. The handshake work now runs on a worker thread. Here the server's key
 * selection, part of every handshake, is made slow for one new connection; a request on an open connection must
 * still be answered at once.
 */
class HandshakeOffEventLoopTest {

    private static final Duration SLOW_HANDSHAKE = Duration.ofSeconds(5);

    private final Vertx serverVertx = Vertx.vertx();
    private final Vertx clientVertx = Vertx.vertx();

    @AfterEach
    void close() {
        clientVertx.close().toCompletionStage().toCompletableFuture().join();
        serverVertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aSlowHandshakeDoesNotDelayRequestsOnAnOpenConnection() throws Exception {
        CertificateIssuer.Issued issued = CertificateIssuer.selfSignedServer("handshake-test", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now().minusSeconds(60), Duration.ofDays(1));
        SlowKeyManager keys = new SlowKeyManager(issued);
        HttpServerOptions options = Listener.serverOptions("127.0.0.1", 0, KeyCertOptions.wrap(keys));
        try (Listener listener = new Listener(serverVertx, "handshake test", options)) {
            int port = listener.start(request -> request.response().end("ok"));

            HttpClient open = client();
            assertThat(get(open, port).get(10, TimeUnit.SECONDS)).as("first request, fast handshake").isEqualTo("ok");

            keys.slowDownNextHandshake();
            CompletableFuture<String> newcomer = get(client(), port);
            assertThat(keys.slowHandshakeStarted.await(10, TimeUnit.SECONDS)).as("the new connection's handshake began").isTrue();

            long start = System.nanoTime();
            assertThat(get(open, port).get(10, TimeUnit.SECONDS)).isEqualTo("ok");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("a request on the open connection while another connection shakes hands").isLessThan(SLOW_HANDSHAKE.dividedBy(2));

            assertThat(newcomer.get(10, TimeUnit.SECONDS)).as("the slow handshake still completes").isEqualTo("ok");
        }
    }

    private HttpClient client() {
        // One kept-alive HTTP/2 connection per client, as kube-apiserver's aggregator holds one.
        return clientVertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false).setUseAlpn(true)
                .setProtocolVersion(HttpVersion.HTTP_2).setHttp2MaxPoolSize(1).setMaxPoolSize(1));
    }

    private static CompletableFuture<String> get(HttpClient client, int port) {
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI("/"))
                .compose(r -> r.send().compose(response -> response.body()))
                .map(Object::toString)
                .toCompletionStage().toCompletableFuture();
    }

    /** The server's key manager: picks the one certificate, slowly once asked to (as a starved thread would). */
    private static final class SlowKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final CertificateIssuer.Issued issued;
        private final CountDownLatch slowHandshakeStarted = new CountDownLatch(1);
        private volatile boolean slowNext;

        SlowKeyManager(CertificateIssuer.Issued issued) {
            this.issued = issued;
        }

        void slowDownNextHandshake() {
            slowNext = true;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            if (!issued.privateKey().getAlgorithm().equals(keyType) && !keyType.startsWith(issued.privateKey().getAlgorithm())) {
                return null;
            }
            if (slowNext) {
                slowNext = false;
                slowHandshakeStarted.countDown();
                try {
                    Thread.sleep(SLOW_HANDSHAKE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return ALIAS;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return chooseEngineServerAlias(keyType, issuers, null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? new X509Certificate[] {issued.certificate()} : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? issued.privateKey() : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
