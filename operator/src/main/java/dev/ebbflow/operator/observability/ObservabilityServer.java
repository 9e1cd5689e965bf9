package dev.ebbflow.operator.observability;

import dev.ebbflow.operator.health.Health;
import dev.ebbflow.operator.https.Listener;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain-HTTP endpoints for Prometheus and the kubelet: {@code /metrics} (Prometheus text format),
 * {@code /healthz} (liveness: the operator is not wedged), {@code /readyz} (the whole operator is ready:
 * CRDs installed, informers synced) and {@code /readyz/metrics-api} (this replica can answer the external
 * metrics API: what the chart's readiness probe asks, because the pod's Service carries that API, and a
 * NodePool CRD not installed yet must not take every HPA's metrics away). A failing probe answers 503
 * with one line per problem. Runs on every replica, leader or not.
 */
public final class ObservabilityServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final Supplier<Health> live;
    private final Supplier<Health> ready;
    private final Supplier<Health> metricsApiReady;
    private Listener listener;

    /**
     * @param port  0 picks a free port (tests)
     * @param live  problems make /healthz answer 503, so the kubelet restarts the pod
     * @param ready problems make /readyz answer 503
     * @param metricsApiReady problems make /readyz/metrics-api answer 503, so the Service sends no traffic yet
     */
    public ObservabilityServer(Vertx vertx, String host, int port, PrometheusMeterRegistry registry, Supplier<Health> live, Supplier<Health> ready,
                               Supplier<Health> metricsApiReady) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("metrics port must be 0..65535, got " + port);
        }
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.live = live;
        this.ready = ready;
        this.metricsApiReady = metricsApiReady;
    }

    /** Starts listening and returns the bound port. */
    public int start() {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(this::scrape);
        router.get("/healthz").handler(ctx -> probe(ctx, live));
        router.get("/livez").handler(ctx -> probe(ctx, live));
        router.get("/readyz").handler(ctx -> probe(ctx, ready));
        router.get("/readyz/metrics-api").handler(ctx -> probe(ctx, metricsApiReady));
        listener = new Listener(vertx, "metrics and probes", new HttpServerOptions().setHost(host).setPort(port));
        return listener.start(router);
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close();
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

    private static void probe(RoutingContext ctx, Supplier<Health> check) {
        Health health;
        try {
            health = check.get();
        } catch (RuntimeException e) {
            health = new Health(List.of("check failed: " + e));
        }
        ctx.response().setStatusCode(health.ok() ? 200 : 503).putHeader("content-type", "text/plain")
                .end(health.ok() ? "ok" : String.join("\n", health.problems()) + "\n");
    }
}
