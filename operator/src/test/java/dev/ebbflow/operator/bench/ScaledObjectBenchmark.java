package dev.ebbflow.operator.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.metricsapi.CertificateIssuer;
import dev.ebbflow.operator.metricsapi.ClientCaSource;
import dev.ebbflow.operator.metricsapi.MetricsApiLoad;
import dev.ebbflow.operator.metricsapi.TlsClients;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Issue 2's benchmark: the real operator against an in-process API server stand-in, N ScaledObjects
 * each with its Deployment and a {@code rabbitmq} trigger on the real broker. Reports the time from
 * the first ScaledObject's creation until every HPA exists, the operator's heap after GC, the external
 * metrics API's latency at a fixed request rate (HTTP/2, TLS with the aggregator's client certificate,
 * as in a cluster), and the API requests per ScaledObject ({@link RequestCounter}). The stand-in is
 * fabric8's stock mock server in CRUD mode ({@code mock}), the same with {@link IndexedCrudDispatcher}
 * ({@code indexed}), or each in turn ({@code both}, the default). Run on demand (surefire excludes
 * *Benchmark*):
 * <pre>
 * mvn -B -q -o -pl operator -am test-compile -Pscaledobject-bench [-Dbench.server=mock|indexed|both] [-Dbench.start=running|existing] [-Dbench.args="1000,10000 200 30 15"]
 * </pre>
 * Arguments: comma-separated ScaledObject counts, metrics API requests per second, seconds of load, minutes to wait for
 * the HPAs before measuring anyway.
 */
public final class ScaledObjectBenchmark {

    private static final String NS = "bench";
    private static final int QUEUES = 100;
    private static final int CREATE_THREADS = 8;
    private static final String AGGREGATOR = "front-proxy-client";
    /** Who the front proxy says is calling: the HPA controller. */
    private static final Map<String, String> HPA_CALLER = Map.of("X-Remote-User", "system:serviceaccount:kube-system:horizontal-pod-autoscaler",
            "X-Remote-Group", "system:serviceaccounts");
    /**
     * {@code -Dbench.start=existing}: create the ScaledObjects first and time from the operator's start
     * (a restart, or the switch from KEDA), so the harness's own creation does not share the cores with
     * the operator; {@code running} (default): time from the first create with the operator running.
     */
    private static final boolean STARTS_ON_EXISTING = switch (System.getProperty("bench.start", "running")) {
        case "running" -> false;
        case "existing" -> true;
        default -> throw new IllegalArgumentException("bench.start must be running or existing");
    };

    /** One run's figures. */
    record Result(String server, int scaledObjects, Duration creation, Duration allHpas, int hpas, long heapWithOperator, long heapWithoutOperator,
            MetricsApiLoad.Result metrics, MetricsApiLoad.Result cachedMetrics, String loadBefore, String loadAfter,
            Map<String, Long> creationRequests, Map<String, Long> steadyRequests, Duration steadyWindow) {

        long operatorHeap() {
            return heapWithOperator - heapWithoutOperator;
        }
    }

    private ScaledObjectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> counts = new ArrayList<>();
        for (String c : (args.length > 0 ? args[0] : "1000,10000").split(",")) {
            counts.add(Integer.parseInt(c.trim()));
        }
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Duration patience = Duration.ofMinutes(args.length > 3 ? Integer.parseInt(args[3]) : 15);
        List<String> servers = servers(System.getProperty("bench.server", "both"));
        quietLogging();
        System.out.printf("machine: %d cores, max heap %d MiB, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), loadAverage());
        List<Result> results = new ArrayList<>();
        for (int n : counts) {
            for (String server : servers) {
                Result r = run(server, n, rate, seconds, patience);
                results.add(r);
                printRun(r, rate, seconds);
            }
        }
        System.out.println();
        System.out.println("| API server | ScaledObjects | all HPAs exist after | operator heap after GC | metrics API p50 / p99 at " + rate
                + " req/s, live read | same, useCachedMetrics | load average (2 cores) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");
        for (Result r : results) {
            String hpas = r.hpas() == r.scaledObjects() ? String.format("%.1f s", secondsOf(r.allHpas()))
                    : String.format("only %,d after %.0f s", r.hpas(), secondsOf(r.allHpas()));
            System.out.printf("| %s | %,d | %s | %d MiB | %s | %s | %s -> %s |%n", r.server(), r.scaledObjects(), hpas,
                    r.operatorHeap() >> 20, latency(r.metrics()), latency(r.cachedMetrics()), r.loadBefore(), r.loadAfter());
        }
        System.exit(0);
    }

    private static void printRun(Result r, int rate, int seconds) {
        int n = r.scaledObjects();
        System.out.printf("[%s] %d ScaledObjects: created in %.1f s, every HPA after %.1f s; heap after GC %d MiB with the operator,"
                            + " %d MiB without (operator ~%d MiB); metrics API at %d req/s for %d s: live %s, cached %s; load average %s -> %s%n",
                    r.server(), n, secondsOf(r.creation()), secondsOf(r.allHpas()), r.heapWithOperator() >> 20, r.heapWithoutOperator() >> 20,
                    r.operatorHeap() >> 20, rate, seconds, r.metrics(), r.cachedMetrics(), r.loadBefore(), r.loadAfter());
        // Per ScaledObject: until every HPA exists (the harness's own POST scaledobjects included), then
        // per 30 s (the default pollingInterval) while the metrics API is under load and nothing else changes.
        double steadyScale = 30.0 / Math.max(1, r.steadyWindow().toSeconds()) / n;
        System.out.printf("  [%s] API requests per ScaledObject (%d): until every HPA exists | steady state, per 30 s%n", r.server(), n);
        System.out.println("  | request | until every HPA exists | steady state, per 30 s |");
        System.out.println("  |---|---:|---:|");
        java.util.SortedSet<String> kinds = new java.util.TreeSet<>(r.creationRequests().keySet());
        kinds.addAll(r.steadyRequests().keySet());
        long creationTotal = 0;
        long steadyTotal = 0;
        for (String kind : kinds) {
            long c = r.creationRequests().getOrDefault(kind, 0L);
            long s = r.steadyRequests().getOrDefault(kind, 0L);
            creationTotal += c;
            steadyTotal += s;
            System.out.printf("  | %s | %.2f | %.2f |%n", kind, (double) c / n, s * steadyScale);
        }
        System.out.printf("  | **total** | %.2f | %.2f |%n", (double) creationTotal / n, steadyTotal * steadyScale);
    }

    private static List<String> servers(String option) {
        List<String> servers = switch (option) {
            case "both" -> List.of("mock", "indexed");
            case "mock", "indexed" -> List.of(option);
            default -> throw new IllegalArgumentException("bench.server must be mock, indexed or both, not '" + option + "'");
        };
        return servers;
    }

    /** fabric8's stock mock server in CRUD mode, or the same with {@link IndexedCrudDispatcher}'s hash index. */
    private static KubernetesMixedDispatcher dispatcher(String server, Map<ServerRequest, Queue<ServerResponse>> responses) {
        return server.equals("indexed") ? new IndexedMixedDispatcher(responses) : new KubernetesMixedDispatcher(responses);
    }

    static Result run(String serverKind, int n, int rate, int seconds, Duration patience) throws Exception {
        String amqpUrl = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        RequestCounter requests = new RequestCounter(dispatcher(serverKind, responses));
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, requests, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        // Delegated authorization is on, as in a cluster: every review the metrics API asks for goes through the API server and is allowed.
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReturn(201, new SubjectAccessReviewBuilder()
                .withNewStatus().withAllowed(true).endStatus().build()).always();
        KubernetesClient client = server.createClient();
        // Even-numbered ScaledObjects read their trigger live for each metrics request (KEDA's default), odd ones serve the scale loop's last reading.
        Workers workers = new Workers(client.getKubernetesSerialization(), NS, 20, null);
        Connection broker = connect(amqpUrl);
        List<String> queues = declareQueues(broker);
        Path tls = Files.createTempDirectory("ebbflow-bench-tls");
        EbbflowOperator operator = null;
        SharedIndexInformer<HorizontalPodAutoscaler> hpas = null;
        try {
            inParallel(n, i -> client.resource(workers.deployment(i)).create());

            Instant now = Instant.now();
            CertificateIssuer.Issued ca = CertificateIssuer.certificateAuthority("request-header-ca", now.minusSeconds(60), Duration.ofDays(1));
            CertificateIssuer.Issued aggregator = CertificateIssuer.clientCertificate(ca, AGGREGATOR, now.minusSeconds(60), Duration.ofDays(1));
            CertificateIssuer.Issued serving = CertificateIssuer.selfSignedServer("localhost", List.of("localhost"), List.of("127.0.0.1"),
                    now.minusSeconds(60), Duration.ofDays(1));
            Path cert = Files.writeString(tls.resolve("tls.crt"), serving.certificatePem());
            Path key = Files.writeString(tls.resolve("tls.key"), serving.privateKeyPem());
            OperatorSettings settings = new OperatorSettings(Set.of(), 1000, 2000, "INFO", false, "ebbflow-operator", NS, NS, 0, 0,
                    Optional.of(cert), Optional.of(key), Optional.empty(), Set.of(AGGREGATOR));
            EbbflowOperator.Builder builder = EbbflowOperator.builder()
                    .settings(settings)
                    .client(client)
                    .scalers(ScalerRegistry.loadInstalled())
                    .clientCa(ClientCaSource.fromPem(ca::certificatePem))
                    .bindHost("127.0.0.1");
            boolean existing = STARTS_ON_EXISTING;
            Duration creation = Duration.ZERO;
            if (existing) {
                // The operator (re)starting on ScaledObjects that exist already: the timer starts with the operator.
                long creating = System.nanoTime();
                inParallel(n, i -> client.resource(workers.withHost(amqpUrl, i % 2 == 1, i, queues.get(i % queues.size()))).create());
                creation = Duration.ofNanos(System.nanoTime() - creating);
            } else {
                operator = builder.build().start();
            }

            AtomicInteger hpaCount = new AtomicInteger();
            hpas = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(HorizontalPodAutoscaler hpa) {
                    hpaCount.incrementAndGet();
                }

                @Override
                public void onUpdate(HorizontalPodAutoscaler before, HorizontalPodAutoscaler after) {
                }

                @Override
                public void onDelete(HorizontalPodAutoscaler hpa, boolean unknownFinalState) {
                    hpaCount.decrementAndGet();
                }
            });

            String loadBefore = loadAverage();
            Map<String, Long> beforeCreation = requests.snapshot();
            long start = System.nanoTime();
            if (existing) {
                operator = builder.build().start();
            } else {
                inParallel(n, i -> client.resource(workers.withHost(amqpUrl, i % 2 == 1, i, queues.get(i % queues.size()))).create());
                creation = Duration.ofNanos(System.nanoTime() - start);
            }
            long deadline = start + patience.toNanos();
            long lastReport = System.nanoTime();
            while (hpaCount.get() < n) {
                if (System.nanoTime() > deadline) {
                    // Still worth measuring heap and the metrics API: report how far it got instead of nothing.
                    System.out.printf("  gave up waiting: %d of %d HPAs after %d s%n", hpaCount.get(), n, patience.toSeconds());
                    break;
                }
                if (System.nanoTime() - lastReport > Duration.ofSeconds(10).toNanos()) {
                    System.out.printf("  ... %d of %d HPAs after %.0f s%n", hpaCount.get(), n, (System.nanoTime() - start) / 1e9);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(20);
            }
            Duration allHpas = Duration.ofNanos(System.nanoTime() - start);
            int hpasMade = hpaCount.get();
            Map<String, Long> creationRequests = RequestCounter.difference(requests.snapshot(), beforeCreation);
            long heapWithOperator = heapAfterGc();

            List<URI> live = new ArrayList<>();
            List<URI> cached = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String selector = URLEncoder.encode("scaledobject.keda.sh/name=so-" + i, StandardCharsets.UTF_8);
                (i % 2 == 0 ? live : cached).add(URI.create("https://127.0.0.1:" + operator.metricsApiPort()
                        + "/apis/external.metrics.k8s.io/v1beta1/namespaces/" + NS + "/s0-rabbitmq-" + queues.get(i % queues.size())
                        + "?labelSelector=" + selector));
            }
            // HTTP/2, as the aggregator's proxy talks to an APIService backend.
            HttpClient http = TlsClients.httpClient(serving.certificate(), aggregator, HttpClient.Version.HTTP_2);
            HttpRequest.Builder firstRequest = HttpRequest.newBuilder(live.get(0));
            HPA_CALLER.forEach(firstRequest::header);
            HttpResponse<String> first = http.send(firstRequest.build(), HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                throw new IllegalStateException("metrics API answered " + first.statusCode() + ": " + first.body());
            }
            System.out.println("  metrics API warm-up: " + MetricsApiLoad.run(http, live, HPA_CALLER, rate, Duration.ofSeconds(5)));
            Map<String, Long> beforeSteady = requests.snapshot();
            long steadyStart = System.nanoTime();
            MetricsApiLoad.Result metrics = MetricsApiLoad.run(http, live, HPA_CALLER, rate, Duration.ofSeconds(seconds));
            System.out.println("  metrics API, live reads: " + metrics);
            MetricsApiLoad.Result cachedMetrics = MetricsApiLoad.run(http, cached, HPA_CALLER, rate, Duration.ofSeconds(seconds));
            System.out.println("  metrics API, useCachedMetrics: " + cachedMetrics);
            String loadAfter = loadAverage();
            Map<String, Long> steadyRequests = RequestCounter.difference(requests.snapshot(), beforeSteady);
            Duration steadyWindow = Duration.ofNanos(System.nanoTime() - steadyStart);

            hpas.close();
            hpas = null;
            operator.close();
            operator = null;
            long heapWithoutOperator = heapAfterGc();
            return new Result(existing ? serverKind + ", started on existing" : serverKind, n, creation, allHpas, hpasMade, heapWithOperator, heapWithoutOperator, metrics, cachedMetrics,
                    loadBefore, loadAfter, creationRequests, steadyRequests, steadyWindow);
        } finally {
            if (hpas != null) {
                hpas.close();
            }
            if (operator != null) {
                operator.close();
            }
            try (Channel channel = broker.createChannel()) {
                for (String q : queues) {
                    channel.queueDelete(q);
                }
            }
            broker.close();
            client.close();
            server.destroy();
        }
    }

    private static List<String> declareQueues(Connection broker) throws Exception {
        List<String> queues = new ArrayList<>();
        String prefix = "ebbflow-bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (Channel channel = broker.createChannel()) {
            for (int i = 0; i < QUEUES; i++) {
                channel.queueDeclare(prefix + i, false, false, false, null);
                queues.add(prefix + i);
            }
        }
        return queues;
    }

    private static void inParallel(int n, IntConsumer task) throws Exception {
        InParallel.forEachIndex(n, CREATE_THREADS, task);
    }

    /** Heap in use once garbage is collected: a few full GCs, as one can leave finalizable or soft-reachable objects behind. */
    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(300);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Connection connect(String url) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        // The Java client reads a trailing "/" as the empty vhost; the broker's default vhost is "/".
        factory.setUri(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        factory.setConnectionTimeout(5000);
        return factory.newConnection("ebbflow-benchmark");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private static void quietLogging() {
        // Per-object and per-request INFO lines would measure the loggers; warnings still show.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.ebbflow")).setLevel(ch.qos.logback.classic.Level.WARN);
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private static String latency(MetricsApiLoad.Result m) {
        return String.format("%.1f ms / %.1f ms (%d of %d ok)", m.p50Millis(), m.p99Millis(), m.succeeded(), m.sent());
    }

    private static double secondsOf(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
