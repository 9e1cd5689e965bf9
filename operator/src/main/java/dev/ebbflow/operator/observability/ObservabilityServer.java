package dev.ebbflow.operator.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-HTTP endpoints for Prometheus and the kubelet: {@code /metrics} (Prometheus text format),
 * {@code /healthz} (liveness) and {@code /readyz} (readiness, e.g. informers synced).
 * Runs on every replica, leader or not.
 */
public final class ObservabilityServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier live;
    private final BooleanSupplier ready;
    private HttpServer server;

    /**
     * @param port  0 picks a free port (tests)
     * @param live  false makes /healthz answer 503, so the kubelet restarts the pod
     * @param ready false makes /readyz answer 503, so the Service sends no traffic yet
     */
    public ObservabilityServer(Vertx vertx, String host, int port, PrometheusMeterRegistry registry, BooleanSupplier live, BooleanSupplier ready) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be 0..65535, got " + port);
        }
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.live = live;
        this.ready = ready;
    }

    /** Starts listening and returns the bound port. */
    public int start() {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(this::scrape);
        router.get("/healthz").handler(ctx -> probe(ctx, live));
        router.get("/livez").handler(ctx -> probe(ctx, live));
        router.get("/readyz").handler(ctx -> probe(ctx, ready));
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router)
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("metrics endpoint could not listen on " + host + ":" + port, e);
        }
        LOG.info("metrics and probes on http://{}:{}", host, server.actualPort());
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

    private void scrape(RoutingContext ctx) {
        // Rendering tens of thousands of series takes a while: keep it off the event loop.
        vertx.<String>executeBlocking(() -> registry.scrape(), false).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().putHeader("content-type", PROMETHEUS_TEXT).end(result.result());
            } else {
                LOG.warn("metrics scrape failed", result.cause());
                ctx.response().setStatusCode(500).end("scrape failed");
            }
        });
    }

    private static void probe(RoutingContext ctx, BooleanSupplier check) {
        boolean ok;
        try {
            ok = check.getAsBoolean();
        } catch (RuntimeException e) {
            ok = false;
        }
        ctx.response().setStatusCode(ok ? 200 : 503).putHeader("content-type", "text/plain").end(ok ? "ok" : "not ready");
    }
}
