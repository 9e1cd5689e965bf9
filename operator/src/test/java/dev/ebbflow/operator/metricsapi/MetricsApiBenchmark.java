package dev.ebbflow.operator.metricsapi;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * External metrics API latency at a fixed request rate, over HTTPS with client-certificate checks and
 * delegated authorization (reviews answered in memory, so the cache path is measured), as the aggregator
 * would call it. Run on demand (surefire excludes *Benchmark*):
 * <pre>
 * mvn -B -q -o -pl operator -am test-compile -Pmetricsapi-bench [-Dbench.args="metrics=10000 rate=200 seconds=30 client=vertx|jdk"]
 * </pre>
 * The default client is Vert.x's (Netty) on its own event loop, one HTTP/2 connection, as kube-apiserver's
 * proxy (Go) holds one; {@code jdk} uses {@link java.net.http.HttpClient}, whose HTTP/2 path adds thread hops
 * and garbage of its own to every measured latency.
 */
public final class MetricsApiBenchmark {
    private MetricsApiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK HTTP client completes every sendAsync through CompletableFuture's default executor, which on a
        // machine with fewer than 3 cores is a new thread per task: a thread start per request, in the client, not
        // the server. A common pool of 2 threads avoids that (it must be set before the pool is first used).
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        int metrics = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        boolean jdkClient = args.length > 3 && args[3].equals("jdk");

        Map<String, ExternalMetricValue> values = new ConcurrentHashMap<>();
        for (int i = 0; i < metrics; i++) {
            String name = "s0-rabbitmq-queue-" + i;
            values.put("bench/" + name, ExternalMetricValue.of(name, Map.of("scaledobject.keda.sh/name", "so-" + i), Instant.now(), i * 0.5));
        }
        ExternalMetricsProvider inMemory = (ns, metric, selector) -> {
            ExternalMetricValue value = values.get(ns + "/" + metric);
            if (value == null) {
                throw MetricLookupException.notFound(metric);
            }
            return selector.matches(value.metricLabels()) ? List.of(value) : List.of();
        };

        // Debug logging of every request would measure the logger, not the server.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(ch.qos.logback.classic.Level.INFO);
        Vertx vertx = Vertx.vertx();
        Instant now = Instant.now();
        CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority("request-header-ca", now.minusSeconds(60), Duration.ofDays(1));
        CertificateIssuer.Issued aggregator = CertificateIssuer.clientCertificate(ca, "front-proxy-client", now.minusSeconds(60), Duration.ofDays(1));
        ServingCertificate serving = ServingCertificate.selfSigned(List.of("localhost"), Clock.systemUTC());
        String caPem = ca.certificatePem();
        AtomicInteger reviews = new AtomicInteger();
        ExternalMetricsApiServer.DelegatedAccess access = new ExternalMetricsApiServer.DelegatedAccess(
                (user, attributes) -> {
                    reviews.incrementAndGet();
                    return DelegatedAuthorizer.Decision.allow("benchmark");
                },
                token -> Optional.empty(), RequestHeaderNames::defaults, DelegatedAuthorizer.Policy.kubernetesDefaults(),
                TokenAuthenticator.KUBERNETES_DEFAULT_TTL, Clock.systemUTC());
        ExternalMetricsApiServer server = new ExternalMetricsApiServer(vertx,
                ExternalMetricsApiServer.Options.withDelegatedAuthorization("127.0.0.1", 0, serving,
                        new ClientCertificateAuthenticator(ClientCaSource.fromPem(() -> caPem), Set.of("front-proxy-client"), Clock.systemUTC()),
                        access),
                inMemory);
        int port = server.start();
        try {
            List<URI> targets = new ArrayList<>();
            for (int i = 0; i < metrics; i++) {
                String selector = URLEncoder.encode("scaledobject.keda.sh/name=so-" + i, StandardCharsets.UTF_8);
                targets.add(URI.create("https://127.0.0.1:" + port + "/apis/external.metrics.k8s.io/v1beta1/namespaces/bench/s0-rabbitmq-queue-" + i
                        + "?labelSelector=" + selector));
            }
            Map<String, String> hpa = Map.of("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
                    "X-Remote-Group", "system:serviceaccounts");
            Vertx clientVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
            try {
                Function<URI, CompletionStage<Integer>> send;
                if (jdkClient) {
                    // HTTP/2, as the aggregator's proxy talks to an APIService backend.
                    HttpClient client = TlsClients.httpClient(TlsClients.serverCertificate(serving), aggregator, HttpClient.Version.HTTP_2);
                    send = uri -> {
                        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
                        hpa.forEach(request::header);
                        return client.sendAsync(request.build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                                .thenApply(java.net.http.HttpResponse::statusCode);
                    };
                } else {
                    io.vertx.core.http.HttpClient client = clientVertx.createHttpClient(new HttpClientOptions()
                            .setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true).setSsl(true).setHttp2MaxPoolSize(1)
                            .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(serving.certificatePem())))
                            .setKeyCertOptions(new PemKeyCertOptions().addCertValue(Buffer.buffer(aggregator.certificatePem()))
                                    .addKeyValue(Buffer.buffer(aggregator.privateKeyPem()))));
                    // Every request from one context: the client's own event loop, as a proxy would run it.
                    io.vertx.core.Context context = clientVertx.getOrCreateContext();
                    send = uri -> {
                        CompletableFuture<Integer> status = new CompletableFuture<>();
                        context.runOnContext(ignored -> client.request(new RequestOptions().setMethod(HttpMethod.GET)
                                        .setAbsoluteURI(uri.toString()).setTimeout(10_000))
                                .compose(request -> {
                                    hpa.forEach(request::putHeader);
                                    return request.send();
                                })
                                .compose(response -> response.body().map(body -> response.statusCode()))
                                .onComplete(outcome -> {
                                    if (outcome.succeeded()) {
                                        status.complete(outcome.result());
                                    } else {
                                        status.completeExceptionally(outcome.cause());
                                    }
                                }));
                        return status;
                    };
                }
                // One request first, so the load starts on an established connection instead of racing its handshake.
                send.apply(targets.get(0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                System.out.println("warm-up: " + MetricsApiLoad.run(send, targets, rate, Duration.ofSeconds(10)));
                String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
                MetricsApiLoad.Result result = MetricsApiLoad.run(send, targets, rate, Duration.ofSeconds(seconds));
                System.out.printf("metrics API (%s client), %d metrics, %d req/s for %d s: %s (access reviews: %d; loadavg before: %s, after: %s)%n",
                        jdkClient ? "JDK" : "Vert.x", metrics, rate, seconds, result, reviews.get(), loadBefore,
                        Files.readString(Path.of("/proc/loadavg")).trim());
            } finally {
                clientVertx.close().toCompletionStage().toCompletableFuture().join();
            }
        } finally {
            server.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
