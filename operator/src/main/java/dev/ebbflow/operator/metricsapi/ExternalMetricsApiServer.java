package dev.ebbflow.operator.metricsapi;

import io.vertx.core.Context;
import dev.ebbflow.operator.https.Listener;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server behind the {@code v1beta1.external.metrics.k8s.io} APIService: discovery, the
 * namespaced metric GET the HPA makes, health endpoints, errors as Kubernetes {@code Status} bodies.
 * Every replica serves it (no leader election), reading through the given provider.
 *
 * <p>Nothing blocks the event loop: callers whose identity and access are cached are let through on
 * it; token and access reviews and metric reads run on bounded pools of their own, concurrent reads of
 * the same metric share one run, and each request waits at most {@link #READ_TIMEOUT} for its value,
 * so a slow trigger source delays only the requests for its own metrics.
 */
public final class ExternalMetricsApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalMetricsApiServer.class);
    private static final String JSON = "application/json";
    private static final String BASE = "/apis/" + ApiDocuments.GROUP_VERSION;

    /** How long a request waits for a metric's value before it gets a 503 (the read itself goes on and is shared). */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Threads for blocking metric reads: one per distinct metric being read, since reads of one metric are shared. */
    private static final int READ_THREADS = 64;
    private static final int READ_QUEUE = 4096;
    private static final int REVIEW_THREADS = 8;
    private static final int REVIEW_QUEUE = 1024;

    /**
     * Where to listen and how to check callers. {@code authenticator} null means no client check at all,
     * which only {@link #withoutClientAuthentication} produces: for local development, never in a cluster.
     * {@code access} null means the front proxy's certificate alone admits a request (no authorization).
     */
    public record Options(String host, int port, ServingCertificate certificate, ClientCertificateAuthenticator authenticator,
            DelegatedAccess access) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(certificate, "certificate");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("metrics API port must be 0..65535, got " + port);
            }
            if (access != null && authenticator == null) {
                throw new IllegalArgumentException("delegated authorization needs the front proxy's certificate check");
            }
        }

        /** Callers are authenticated and then authorized with SubjectAccessReviews, as an aggregated API server does. */
        public static Options withDelegatedAuthorization(String host, int port, ServingCertificate certificate,
                ClientCertificateAuthenticator authenticator, DelegatedAccess access) {
            return new Options(host, port, certificate, Objects.requireNonNull(authenticator, "authenticator"), Objects.requireNonNull(access, "access"));
        }

        public static Options withClientAuthentication(String host, int port, ServingCertificate certificate, ClientCertificateAuthenticator authenticator) {
            return new Options(host, port, certificate, Objects.requireNonNull(authenticator, "authenticator"), null);
        }

        public static Options withoutClientAuthentication(String host, int port, ServingCertificate certificate) {
            return new Options(host, port, certificate, null, null);
        }
    }

    /**
     * Who answers the questions of delegated authentication and authorization, and how long answers are kept.
     *
     * @param headerNames the front proxy's request headers, read per request so a changed ConfigMap applies
     */
    public record DelegatedAccess(DelegatedAuthorizer.AccessReviewer accessReviewer, TokenAuthenticator.TokenReviewer tokenReviewer,
            Supplier<RequestHeaderNames> headerNames, DelegatedAuthorizer.Policy policy, Duration tokenTtl, Clock clock) {
        public DelegatedAccess {
            Objects.requireNonNull(accessReviewer, "accessReviewer");
            Objects.requireNonNull(tokenReviewer, "tokenReviewer");
            Objects.requireNonNull(headerNames, "headerNames");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(tokenTtl, "tokenTtl");
            Objects.requireNonNull(clock, "clock");
        }

        /** Reviews by the API server, with Kubernetes' delegated-authorization defaults. */
        public static DelegatedAccess kubernetesDefaults(KubernetesAccessReviews reviews, Supplier<RequestHeaderNames> headerNames, Clock clock) {
            return new DelegatedAccess(reviews, reviews, headerNames, DelegatedAuthorizer.Policy.kubernetesDefaults(),
                    TokenAuthenticator.KUBERNETES_DEFAULT_TTL, clock);
        }
    }

    private record ReadKey(String namespace, String metric, LabelSelector selector) {
    }

    private final Vertx vertx;
    private final Options options;
    private final ExternalMetricsProvider provider;
    private final Duration readTimeout;
    private final ExecutorService readPool = boundedPool("ebbflow-metric-read", READ_THREADS, READ_QUEUE);
    private final SharedLookups<ReadKey, List<ExternalMetricValue>> reads = new SharedLookups<>(readPool);
    private final ExecutorService reviewPool;
    private final CallerIdentification identification;
    private final DelegatedAuthorizer authorizer;
    private Listener listener;
    private Handler<RoutingContext> requestObserver;

    public ExternalMetricsApiServer(Vertx vertx, Options options, ExternalMetricsProvider provider) {
        this(vertx, options, provider, READ_TIMEOUT);
    }

    ExternalMetricsApiServer(Vertx vertx, Options options, ExternalMetricsProvider provider, Duration readTimeout) {
        this.vertx = vertx;
        this.options = options;
        this.provider = provider;
        this.readTimeout = readTimeout;
        DelegatedAccess access = options.access();
        if (access == null) {
            reviewPool = null;
            identification = null;
            authorizer = null;
        } else {
            reviewPool = boundedPool("ebbflow-access-review", REVIEW_THREADS, REVIEW_QUEUE);
            identification = new CallerIdentification(options.authenticator(), access.headerNames(),
                    new TokenAuthenticator(access.tokenReviewer(), access.tokenTtl(), access.clock(), reviewPool));
            authorizer = new DelegatedAuthorizer(access.accessReviewer(), access.policy(), access.clock(), reviewPool);
        }
    }

    private static ExecutorService boundedPool(String name, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Lets {@code observer} see every request first (it must call {@code next()}), e.g. to count requests and time them. */
    public ExternalMetricsApiServer observedBy(Handler<RoutingContext> observer) {
        this.requestObserver = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /** Starts listening and returns the bound port (useful with port 0). */
    public int start() {
        HttpServerOptions serverOptions = Listener.serverOptions(options.host(), options.port(), options.certificate().keyCertOptions())
                // Client certificates are requested but checked by the authenticator, not the TLS layer,
                // so a wrong certificate gets a 401 Status the caller can read instead of a broken handshake,
                // and a rotated request-header CA applies without restarting the listener.
                .setClientAuth(options.authenticator() == null ? ClientAuth.NONE : ClientAuth.REQUEST)
                .setTrustOptions(TrustOptions.wrap(new AcceptAnyClientCertificate()));
        listener = new Listener(vertx, "external metrics API", serverOptions);
        return listener.start(router());
    }

    public int port() {
        return listener.port();
    }

    @Override
    public void close() {
        try {
            if (listener != null) {
                listener.close();
            }
        } finally {
            readPool.shutdownNow();
            if (reviewPool != null) {
                reviewPool.shutdownNow();
            }
        }
    }

    private Router router() {
        Router router = Router.router(vertx);
        if (requestObserver != null) {
            router.route().handler(requestObserver);
        }
        // Probes come from the kubelet without a client certificate.
        for (String path : List.of("/livez", "/readyz", "/healthz")) {
            router.get(path).handler(ctx -> ctx.response().putHeader("content-type", "text/plain").end("ok"));
        }
        router.route().handler(identification == null ? this::authenticate : this::authenticateAndAuthorize);
        router.get("/apis").handler(ctx -> discovery(ctx, ApiDocuments.apiGroupList()));
        router.get("/apis/" + ApiDocuments.GROUP).handler(ctx -> discovery(ctx, ApiDocuments.apiGroup()));
        router.get(BASE).handler(ctx -> discovery(ctx, ApiDocuments.apiResourceList()));
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

    private void authenticateAndAuthorize(RoutingContext ctx) {
        whenDone(ctx, identification.identify(new VertxRequest(ctx)), identified -> {
            if (!identified.identified()) {
                LOG.debug("rejected metrics API request from {}: {}", ctx.request().remoteAddress(), identified.rejection());
                failure(ctx, 401, "Unauthorized", "Unauthorized: " + identified.rejection());
                return;
            }
            RequestAttributes attributes = RequestAttributes.of(ctx.request().method().name(), ctx.request().path());
            whenDone(ctx, authorizer.authorize(identified.user(), attributes), decision -> {
                if (decision.allowed()) {
                    ctx.next();
                } else {
                    forbidden(ctx, identified.user(), attributes, decision.reason());
                }
            }, error -> {
                // Fail closed: without an answer nobody is let in.
                LOG.warn("authorization check for {} failed: {}", identified.user().name(), describe(error));
                failure(ctx, 500, "InternalError", "Internal error occurred: the authorization check could not be made");
            });
        }, error -> {
            LOG.warn("authentication of a metrics API caller failed: {}", describe(error));
            failure(ctx, 401, "Unauthorized", "Unauthorized: the bearer token could not be reviewed");
        });
    }

    /** The message kube-apiserver gives a caller that RBAC does not allow. */
    private static void forbidden(RoutingContext ctx, UserInfo user, RequestAttributes attributes, String reason) {
        String message;
        JsonObject details = new JsonObject();
        if (attributes instanceof RequestAttributes.Resource r) {
            String resource = r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource();
            String scope = r.namespace().isEmpty() ? "at the cluster scope" : "in the namespace \"" + r.namespace() + "\"";
            String subject = r.name().isEmpty() ? r.resource() + "." + r.group() : r.resource() + "." + r.group() + " \"" + r.name() + "\"";
            message = subject + " is forbidden: User \"" + user.name() + "\" cannot " + r.verb() + " resource \"" + resource
                    + "\" in API group \"" + r.group() + "\" " + scope;
            details.put("group", r.group()).put("kind", r.resource());
            if (!r.name().isEmpty()) {
                details.put("name", r.name());
            }
        } else {
            RequestAttributes.NonResource n = (RequestAttributes.NonResource) attributes;
            message = "forbidden: User \"" + user.name() + "\" cannot " + n.verb() + " path \"" + n.path() + "\"";
        }
        if (!reason.isEmpty()) {
            message += ": " + reason;
        }
        json(ctx, 403, ApiDocuments.status(403, "Forbidden", message).put("details", details));
    }

    /**
     * Runs {@code onValue} or {@code onError} on the request's event loop: at once when the future is
     * already complete (a cached answer), else when it completes on whichever pool thread.
     */
    private static <T> void whenDone(RoutingContext ctx, CompletableFuture<T> future, Consumer<T> onValue, Consumer<Throwable> onError) {
        if (future.isDone()) {
            deliver(future, onValue, onError);
            return;
        }
        Context context = Vertx.currentContext();
        future.whenComplete((value, error) -> context.runOnContext(ignored -> deliver(future, onValue, onError)));
    }

    private static <T> void deliver(CompletableFuture<T> future, Consumer<T> onValue, Consumer<Throwable> onError) {
        T value;
        try {
            value = future.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            onError.accept(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            return;
        }
        onValue.accept(value);
    }

    private static String describe(Throwable error) {
        // Class names only: exception texts from client libraries may carry credentials.
        return error.getClass().getName();
    }

    /** The request as delegated authentication reads it. */
    private record VertxRequest(RoutingContext ctx) implements CallerIdentification.Request {
        @Override
        public List<? extends Certificate> peerCertificates() {
            return ExternalMetricsApiServer.peerCertificates(ctx);
        }

        @Override
        public List<String> header(String name) {
            return ctx.request().headers().getAll(name);
        }

        @Override
        public Iterable<String> headerNames() {
            return ctx.request().headers().names();
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
        // Each request waits on its own copy, so its timeout does not fail the shared read for later requests.
        CompletableFuture<List<ExternalMetricValue>> values = reads.get(new ReadKey(namespace, metric, selector),
                key -> provider.read(key.namespace(), key.metric(), key.selector()))
                .copy().orTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        whenDone(ctx, values, result -> json(ctx, 200, ApiDocuments.valueList(result)), error -> {
            if (error instanceof MetricLookupException lookup) {
                if (lookup.kind() == MetricLookupException.Kind.NOT_FOUND) {
                    failure(ctx, 404, "NotFound", lookup.getMessage());
                } else {
                    failure(ctx, 503, "ServiceUnavailable", lookup.getMessage());
                }
            } else if (error instanceof TimeoutException) {
                failure(ctx, 503, "ServiceUnavailable", "reading external metric " + metric + " in namespace " + namespace
                        + " took longer than " + readTimeout.toMillis() + " ms");
            } else if (error instanceof RejectedExecutionException) {
                failure(ctx, 503, "ServiceUnavailable", "too many external metric reads in progress; retry");
            } else {
                // The exception text may come from a client library and is not shown to callers.
                LOG.warn("reading external metric {}/{} failed with {}", namespace, metric, describe(error));
                failure(ctx, 500, "InternalError", "internal error reading external metric " + metric + " in namespace " + namespace);
            }
        });
    }

    /** A discovery document, or 406 when the caller asked only for another form of it (see {@link AcceptHeader}). */
    private static void discovery(RoutingContext ctx, JsonObject document) {
        if (AcceptHeader.acceptsPlainJson(ctx.request().headers().getAll("Accept"))) {
            json(ctx, 200, document);
        } else {
            failure(ctx, 406, "NotAcceptable", "only the following media types are accepted: " + JSON);
        }
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
