package dev.ebbflow.operator.metricsapi;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server behind the {@code v1beta1.external.metrics.k8s.io} APIService: discovery, the
 * namespaced metric GET the HPA makes, health endpoints, errors as Kubernetes {@code Status} bodies.
 * Every replica serves it (no leader election), reading through the given provider.
 */
public final class ExternalMetricsApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalMetricsApiServer.class);
    private static final String JSON = "application/json";
    private static final String BASE = "/apis/" + ApiDocuments.GROUP_VERSION;

    /**
     * Where to listen and how to check callers. {@code authenticator} null means no client check at all,
     * which only {@link #withoutClientAuthentication} produces: for local development, never in a cluster.
     */
    public record Options(String host, int port, ServingCertificate certificate, ClientCertificateAuthenticator authenticator) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(certificate, "certificate");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("metrics API port must be 0..65535, got " + port);
            }
        }

        public static Options withClientAuthentication(String host, int port, ServingCertificate certificate, ClientCertificateAuthenticator authenticator) {
            return new Options(host, port, certificate, Objects.requireNonNull(authenticator, "authenticator"));
        }

        public static Options withoutClientAuthentication(String host, int port, ServingCertificate certificate) {
            return new Options(host, port, certificate, null);
        }
    }

    private final Vertx vertx;
    private final Options options;
    private final ExternalMetricsProvider provider;
    private HttpServer server;

    public ExternalMetricsApiServer(Vertx vertx, Options options, ExternalMetricsProvider provider) {
        this.vertx = vertx;
        this.options = options;
        this.provider = provider;
    }

    /** Starts listening and returns the bound port (useful with port 0). */
    public int start() {
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setSsl(true)
                // HTTP/2 over ALPN, as kube-apiserver's proxy prefers: one multiplexed connection, not a handshake per request.
                .setUseAlpn(true)
                // Go's HTTP/2 server default is 250; more headroom so a burst after a pause is queued, not refused.
                .setInitialSettings(new io.vertx.core.http.Http2Settings().setMaxConcurrentStreams(1000))
                .setKeyCertOptions(options.certificate().keyCertOptions())
                // Client certificates are requested but checked by the authenticator, not the TLS layer,
                // so a wrong certificate gets a 401 Status the caller can read instead of a broken handshake,
                // and a rotated request-header CA applies without restarting the listener.
                .setClientAuth(options.authenticator() == null ? ClientAuth.NONE : ClientAuth.REQUEST)
                .setTrustOptions(TrustOptions.wrap(new AcceptAnyClientCertificate()));
        try {
            server = vertx.createHttpServer(serverOptions).requestHandler(router())
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("external metrics API could not listen on " + options.host() + ":" + options.port(), e);
        }
        LOG.info("external metrics API listening on https://{}:{}", options.host(), server.actualPort());
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

    private Router router() {
        Router router = Router.router(vertx);
        // Probes come from the kubelet without a client certificate.
        for (String path : List.of("/livez", "/readyz", "/healthz")) {
            router.get(path).handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("ok"));
        }
        router.route().handler(this::authenticate);
        router.get("/apis").handler(ctx -> json(ctx, 200, ApiDocuments.apiGroupList()));
        router.get("/apis/" + ApiDocuments.GROUP).handler(ctx -> json(ctx, 200, ApiDocuments.apiGroup()));
        router.get(BASE).handler(ctx -> json(ctx, 200, ApiDocuments.apiResourceList()));
        router.get("/openapi/v2").handler(ctx -> json(ctx, 200, ApiDocuments.openApiV2()));
        router.get(BASE + "/namespaces/:namespace/:metric").handler(this::readMetric);
        router.route().handler(ctx -> {
            if (ctx.request().method() != HttpMethod.GET) {
                failure(ctx, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            } else {
                failure(ctx, 404, "NotFound", "the server could not find the requested resource");
            }
        });
        return router;
    }

    private void authenticate(RoutingContext ctx) {
        if (options.authenticator() == null) {
            ctx.next();
            return;
        }
        ClientCertificateAuthenticator.Result result = options.authenticator().authenticate(peerCertificates(ctx));
        if (result.authenticated()) {
            ctx.next();
        } else {
            LOG.debug("rejected metrics API request from {}: {}", ctx.request().remoteAddress(), result.reason());
            failure(ctx, 401, "Unauthorized", "Unauthorized: " + result.reason());
        }
    }

    private static List<Certificate> peerCertificates(RoutingContext ctx) {
        try {
            return ctx.request().connection().peerCertificates();
        } catch (SSLPeerUnverifiedException none) {
            return List.of();
        }
    }

    private void readMetric(RoutingContext ctx) {
        String namespace = ctx.pathParam("namespace");
        String metric = ctx.pathParam("metric");
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(ctx.request().getParam("labelSelector"));
        } catch (IllegalArgumentException e) {
            failure(ctx, 400, "BadRequest", e.getMessage());
            return;
        }
        vertx.executeBlocking(() -> provider.read(namespace, metric, selector), false).onComplete(outcome -> {
            if (outcome.succeeded()) {
                json(ctx, 200, ApiDocuments.valueList(outcome.result()));
            } else if (outcome.cause() instanceof MetricLookupException lookup) {
                if (lookup.kind() == MetricLookupException.Kind.NOT_FOUND) {
                    failure(ctx, 404, "NotFound", lookup.getMessage());
                } else {
                    failure(ctx, 503, "ServiceUnavailable", lookup.getMessage());
                }
            } else {
                // The exception text may come from a client library and is not shown to callers.
                LOG.warn("reading external metric {}/{} failed with {}", namespace, metric, outcome.cause().getClass().getName());
                failure(ctx, 500, "InternalError", "internal error reading external metric " + metric + " in namespace " + namespace);
            }
        });
    }

    private static void failure(RoutingContext ctx, int code, String reason, String message) {
        json(ctx, code, ApiDocuments.status(code, reason, message));
    }

    private static void json(RoutingContext ctx, int code, JsonObject body) {
        ctx.response().setStatusCode(code).putHeader("content-type", JSON).end(body.toBuffer());
    }

    /** Lets the handshake finish with any client certificate; {@link ClientCertificateAuthenticator} judges it per request. */
    private static final class AcceptAnyClientCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("server-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("server-side trust manager");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server-side trust manager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
