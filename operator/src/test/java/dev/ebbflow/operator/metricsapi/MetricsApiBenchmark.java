package dev.ebbflow.operator.metricsapi;

import io.vertx.core.Vertx;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * External metrics API latency at a fixed request rate, over HTTPS with client-certificate checks and
 * delegated authorization (reviews answered in memory, so the cache path is measured), as the aggregator
 * would call it. Run on demand (surefire excludes *Benchmark*):
 * <pre>
 * mvn -B -q -pl operator -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/ebbflow-cp.txt
 * java -cp operator/target/test-classes:operator/target/classes:$(cat /tmp/ebbflow-cp.txt) \
 *      dev.ebbflow.operator.metricsapi.MetricsApiBenchmark [metrics=10000] [rate=200] [seconds=30]
 * </pre>
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
            // HTTP/2, as the aggregator's proxy talks to an APIService backend.
            HttpClient client = TlsClients.httpClient(TlsClients.serverCertificate(serving), aggregator, HttpClient.Version.HTTP_2);
            // One request first, so the load starts on an established connection instead of racing its handshake.
            Map<String, String> hpa = Map.of("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
                    "X-Remote-Group", "system:serviceaccounts");
            client.send(java.net.http.HttpRequest.newBuilder(targets.get(0)).header("X-Remote-User", hpa.get("X-Remote-User")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            System.out.println("warm-up: " + MetricsApiLoad.run(client, targets, hpa, rate, Duration.ofSeconds(10)));
            MetricsApiLoad.Result result = MetricsApiLoad.run(client, targets, hpa, rate, Duration.ofSeconds(seconds));
            System.out.printf("metrics API, %d metrics, %d req/s for %d s: %s (access reviews: %d; loadavg before: %s, after: %s)%n",
                    metrics, rate, seconds, result, reviews.get(), loadBefore, Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            server.close();
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
