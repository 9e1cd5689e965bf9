package dev.ebbflow.operator.https;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.KeyCertOptions;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One port the operator serves on, started and stopped the same way for each: the external metrics API
 * and the admission webhook over HTTPS, which kube-apiserver calls and so share its transport settings
 * ({@link #serverOptions}: HTTP/2 over ALPN, pooled TLS buffers, a generous stream limit), and the plain
 * HTTP metrics and probe endpoint.
 */
public final class Listener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

    private final Vertx vertx;
    private final String description;
    private final HttpServerOptions options;
    private HttpServer server;

    /**
     * @param description what is served, for the log and the error when the port is taken
     * @param options for HTTPS from {@link #serverOptions}, with any client-certificate settings of the caller added
     */
    public Listener(Vertx vertx, String description, HttpServerOptions options) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.description = Objects.requireNonNull(description, "description");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** TLS on {@code host:port} with {@code certificate}, tuned for kube-apiserver as the client. */
    public static HttpServerOptions serverOptions(String host, int port, KeyCertOptions certificate) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        return new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                .setSsl(true)
                // HTTP/2 over ALPN, as kube-apiserver prefers: one multiplexed connection, not a handshake per request.
                .setUseAlpn(true)
                // Without pooling, the JDK TLS engine gets a fresh 16 KiB buffer for every record it writes: garbage
                // that turns into young-GC pauses in the latency tail. Handshake work (key exchange, signatures, key
                // selection) runs on a worker thread: every connection of a listener shares one event-loop thread, and in a
                // start on thousands of ScaledObjects thread dumps caught that thread, starved of CPU on a JVM not yet
                // compiled, in handshake crypto for seconds while answers that were ready waited (HandshakeOffEventLoopTest).
                .setSslEngineOptions(new JdkSSLEngineOptions().setPooledHeapBuffers(true).setUseWorkerThread(true))
                // Go's HTTP/2 server default is 250; more headroom so a burst after a pause is queued, not refused.
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(1000))
                .setKeyCertOptions(certificate);
    }

    /** Starts listening and returns the bound port (useful with port 0). */
    public int start(Handler<HttpServerRequest> handler) {
        try {
            server = vertx.createHttpServer(options).requestHandler(handler)
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(description + " could not listen on " + options.getHost() + ":" + options.getPort(), e);
        }
        LOG.info("{} listening on {}://{}:{}", description, options.isSsl() ? "https" : "http", options.getHost(), server.actualPort());
        return server.actualPort();
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
