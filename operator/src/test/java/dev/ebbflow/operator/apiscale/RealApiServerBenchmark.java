package dev.ebbflow.operator.apiscale;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.AuthObjects;
import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.operator.bench.InParallel;
import dev.ebbflow.operator.bench.Workers;
import dev.ebbflow.testkit.ChartJvmFlags;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * N Deployments and N RabbitMQ ScaledObjects (one Secret-backed TriggerAuthentication, 100 queues on the
 * real broker) on a real API server, with the operator run as the chart runs it: a separate JVM with the
 * chart's JVM flags under its memory limit (read from its values by {@link dev.ebbflow.testkit.ChartJvmFlags}), the
 * CLI's (= the chart's) QPS/burst defaults, leader election and delegated authorization on. Reports, with
 * the load average: time until every HPA exists (started on existing objects, or with the objects
 * created while it runs), p50/p99 from creating one more ScaledObject to its HPA with N present, API
 * requests per ScaledObject until ready and per 30 s in steady state (the API server's
 * {@code apiserver_request_total}), external metrics p50/p99 at 200 req/s while the backlog is worked through
 * and in steady state, the operator's heap and RSS, and the API server's CPU. Not a test:
 * {@code scripts/apiscale-benchmark.sh} runs it.
 *
 * <p>Arguments: N, {@code existing|running}, the operator's class path, the kube-apiserver's pid.
 */
public final class RealApiServerBenchmark {

    private static final int QUEUES = 100;
    private static final int THREADS = 8;
    private static final int PROBES = 20;
    private static final Duration STEADY = Duration.ofSeconds(60);

    private RealApiServerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        boolean existing = args[1].equals("existing");
        String operatorClassPath = args[2];
        long apiServerPid = Long.parseLong(args[3]);
        String ns = "apiscale-bench-" + UUID.randomUUID().toString().substring(0, 6);
        System.out.printf("%d ScaledObjects, operator started %s; %d cores, load average %s%n", n,
                existing ? "on existing objects" : "before they are created", Runtime.getRuntime().availableProcessors(), load());
        long cpuBefore = cpuTicks(apiServerPid);
        try (KubernetesClient admin = new KubernetesClientBuilder().build(); RabbitQueues broker = new RabbitQueues()) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            List<String> queues = new ArrayList<>();
            for (int q = 0; q < QUEUES; q++) {
                queues.add(broker.declare(ns + "-" + q));
            }
            AuthObjects auth = new AuthObjects(admin, ns);
            auth.putSecret("rabbit", Map.of("host", RabbitQueues.AMQP_URL));
            auth.putHostFromSecret("rabbit", "rabbit", "host");
            Workers workers = new Workers(admin.getKubernetesSerialization(), ns, 20, null);
            inParallel(n + PROBES + PROBES / 2, i -> admin.apps().deployments().inNamespace(ns).resource(workers.deployment(i)).create());
            Map<String, Long> hpaSeen = new ConcurrentHashMap<>();
            SharedIndexInformer<HorizontalPodAutoscaler> hpas = admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns)
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(HorizontalPodAutoscaler h) {
                            hpaSeen.putIfAbsent(h.getMetadata().getName(), System.nanoTime());
                        }

                        @Override
                        public void onUpdate(HorizontalPodAutoscaler a, HorizontalPodAutoscaler b) {
                        }

                        @Override
                        public void onDelete(HorizontalPodAutoscaler h, boolean unknown) {
                        }
                    });
            Process operator = null;
            try {
                if (existing) {
                    inParallel(n, i -> admin.resource(workers.authenticatedBy("rabbit", i, queues.get(i % QUEUES))).create());
                }
                Map<String, Long> before = ApiServerRequests.snapshot(admin);
                String loadBefore = load();
                MetricsApiProbe metricsApi = MetricsApiProbe.create(Path.of(System.getenv("KUBECONFIG")).getParent().getParent());
                long start = System.nanoTime();
                operator = startOperator(operatorClassPath, ns, metricsApi.operatorArguments());
                LivenessWatch liveness = new LivenessWatch(METRICS_PORT);
                // The HPA controller keeps reading metrics while the reconcilers work through the backlog: the
                // metrics path must not wait behind their rate limit. Measured from the first HPA (leader elected).
                CompletableFuture<String> metricsDuringStart = CompletableFuture.supplyAsync(() -> {
                    while (hpaSeen.isEmpty()) {
                        sleep(50);
                    }
                    return metricsApi.load(METRICS_API_PORT, ns, metricTargets(n, queues), METRICS_RATE, METRICS_WINDOW);
                });
                if (!existing) {
                    inParallel(n, i -> admin.resource(workers.authenticatedBy("rabbit", i, queues.get(i % QUEUES))).create());
                }
                while (hpaSeen.size() < n) {
                    if (!operator.isAlive()) {
                        throw new IllegalStateException("the operator exited with " + operator.exitValue() + "; see its log");
                    }
                    if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
                        System.out.printf("gave up: %d of %d HPAs after 30 min%n", hpaSeen.size(), n);
                        break;
                    }
                    Thread.sleep(100);
                }
                double allHpas = (System.nanoTime() - start) / 1e9;
                double operatorCpuUntilReady = cpuTicks(operator.pid()) / 100.0;
                liveness.close();
                Thread.sleep(5000); // the last ones' status writes and Events
                Map<String, Long> untilReady = ApiServerRequests.difference(ApiServerRequests.snapshot(admin), before);
                if (!existing) {
                    untilReady.merge("POST scaledobjects", (long) -n, Long::sum);
                }
                Map<String, Long> operatorUntilReady = ApiServerRequests.operatorOnly(untilReady);
                System.out.printf("every HPA after %.1f s (%.0f per second); load average %s -> %s%n", allHpas, hpaSeen.size() / allHpas,
                        loadBefore, load());
                System.out.printf("operator CPU from its start to the last HPA: %.1f s (%.2f ms per ScaledObject)%n", operatorCpuUntilReady,
                        operatorCpuUntilReady * 1000 / n);
                System.out.printf("external metrics at %d req/s for %d s from the first HPA: %s%n", METRICS_RATE, METRICS_WINDOW.toSeconds(),
                        metricsDuringStart.get());
                System.out.printf("operator /healthz from its start to the last HPA, once a second: %s%n", liveness.summary());
                System.out.printf("requests per ScaledObject until ready: %.2f %s%n", (double) ApiServerRequests.total(operatorUntilReady) / n,
                        perObject(operatorUntilReady, n));

                // EBBFLOW_BENCH_START_ONLY: stop after the start (profiling it), without the probes and the steady state
                if (System.getenv("EBBFLOW_BENCH_START_ONLY") == null) {
                    // After a start, the HPA controller's first report on each new HPA gives every ScaledObject one
                    // more status write (HPAActive); a ScaledObject created meanwhile queues behind them. Probe both.
                    List<Double> whileSettling = probeNewScaledObjects(admin, workers, queues, hpaSeen, n, PROBES / 2);
                    long settleStart = System.nanoTime();
                    waitUntilStatusWritesStop(admin, Duration.ofMinutes(5));
                    System.out.printf("one more ScaledObject to its HPA with %d present, right after the start: %s; the status writes of the start"
                            + " then stopped after %.0f s more%n", n, percentiles(whileSettling), (System.nanoTime() - settleStart) / 1e9);
                    List<Double> latencies = probeNewScaledObjects(admin, workers, queues, hpaSeen, n + PROBES / 2, PROBES);
                    System.out.printf("one more ScaledObject to its HPA with %d present, once settled: %s%n", n, percentiles(latencies));

                    Map<String, Long> steadyBefore = ApiServerRequests.snapshot(admin);
                    Thread.sleep(STEADY.toMillis());
                    Map<String, Long> steady = ApiServerRequests.operatorOnly(ApiServerRequests.difference(ApiServerRequests.snapshot(admin),
                            steadyBefore));
                    double per30s = (double) ApiServerRequests.total(steady) / (n + PROBES + PROBES / 2) * 30 / STEADY.toSeconds();
                    System.out.printf("steady state, requests per ScaledObject per 30 s polling interval: %.4f %s%n", per30s, steady);
                    System.out.printf("external metrics at %d req/s for %d s in steady state: %s%n", METRICS_RATE, METRICS_WINDOW.toSeconds(),
                            metricsApi.load(METRICS_API_PORT, ns, metricTargets(n, queues), METRICS_RATE, METRICS_WINDOW));
                }
                System.out.printf("operator: RSS %d MiB, heap used %d MiB (JVM flags %s)%n", rssKiB(operator.pid()) >> 10,
                        heapBytes(operator) >> 20, JVM_FLAGS);
                double cpuSeconds = (cpuTicks(apiServerPid) - cpuBefore) / 100.0;
                System.out.printf("kube-apiserver CPU over the run: %.0f s%n", cpuSeconds);
            } finally {
                hpas.close();
                try {
                    // while the operator runs, so that it takes its finalizers off; one by one, because one
                    // delete-collection call for 10,000 objects outlives the API server's request timeout
                    List<String> names = admin.resources(ScaledObject.class).inNamespace(ns).list().getItems().stream()
                            .map(so -> so.getMetadata().getName()).toList();
                    inParallel(names.size(), i -> admin.resources(ScaledObject.class).inNamespace(ns).withName(names.get(i)).delete());
                    Thread.sleep(20_000);
                } catch (Exception e) {
                    System.out.println("deleting the ScaledObjects failed: " + e);
                }
                if (operator != null) {
                    operator.destroy();
                    if (!operator.waitFor(30, TimeUnit.SECONDS)) {
                        operator.destroyForcibly().waitFor();
                    }
                }
                admin.namespaces().withName(ns).delete();
                for (String q : queues) {
                    broker.delete(q);
                }
            }
        }
        System.exit(0);
    }

    private static List<Double> probeNewScaledObjects(KubernetesClient admin, Workers workers, List<String> queues, Map<String, Long> hpaSeen,
            int first, int count) throws InterruptedException {
        List<Double> latencies = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            long created = System.nanoTime();
            admin.resource(workers.authenticatedBy("rabbit", i, queues.get(i % QUEUES))).create();
            while (!hpaSeen.containsKey("keda-hpa-so-" + i) && System.nanoTime() - created < Duration.ofSeconds(60).toNanos()) {
                Thread.sleep(5);
            }
            Long seen = hpaSeen.get("keda-hpa-so-" + i);
            latencies.add(seen == null ? Double.NaN : (seen - created) / 1e6);
            Thread.sleep(200);
        }
        Collections.sort(latencies);
        return latencies;
    }

    private static String percentiles(List<Double> sortedMillis) {
        return String.format("p50 %.0f ms, worst %.0f ms (%d probes)", sortedMillis.get(sortedMillis.size() / 2),
                sortedMillis.get(sortedMillis.size() - 1), sortedMillis.size());
    }

    /** Until the API server has seen no ScaledObject status write for 10 s. */
    private static void waitUntilStatusWritesStop(KubernetesClient admin, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        long last = -1;
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            long writes = ApiServerRequests.snapshot(admin).getOrDefault("PUT scaledobjects/status", 0L);
            quiet = writes == last ? quiet + 1 : 0;
            last = writes;
            Thread.sleep(5000);
        }
    }

    /** The chart's {@code jvmOptions} under its memory limit. */
    static final List<String> JVM_FLAGS = ChartJvmFlags.flags();
    static final int METRICS_PORT = 18080;
    private static final int METRICS_API_PORT = 16443;
    private static final int METRICS_RATE = 200;
    private static final Duration METRICS_WINDOW = Duration.ofSeconds(60);

    private static Process startOperator(String classPath, String ns, List<String> tls) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(JVM_FLAGS);
        // e.g. a flight recording or GC log for a profile of the start; split on spaces, as JAVA_TOOL_OPTIONS is
        String extra = System.getenv().getOrDefault("EBBFLOW_BENCH_OPERATOR_JVM_OPTS", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath, "dev.ebbflow.operator.cli.Main", "run", "--log-level=WARN", "--watch-namespaces=" + ns,
                "--leader-election=true", "--metrics-api-delegated-authorization=true", "--metrics-port=" + METRICS_PORT,
                "--metrics-api-port=" + METRICS_API_PORT, "--operator-namespace=" + ns));
        command.addAll(tls);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("/tmp/apiscale-bench-operator.log"));
        pb.environment().put("POD_NAMESPACE", ns);
        return pb.start();
    }

    private static long heapBytes(Process operator) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + METRICS_PORT
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            long sum = 0;
            for (String line : r.body().split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** utime + stime of a process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static String perObject(Map<String, Long> requests, int n) {
        StringBuilder out = new StringBuilder("{");
        requests.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append('=').append(String.format("%.2f", (double) v / n)));
        return out.append('}').toString();
    }

    /** Pairs of ScaledObject name and metric name (KEDA's {@code s0-rabbitmq-<queue>}). */
    private static List<String> metricTargets(int n, List<String> queues) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add("so-" + i);
            pairs.add("s0-rabbitmq-" + queues.get(i % queues.size()));
        }
        return pairs;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void inParallel(int n, IntConsumer task) throws Exception {
        InParallel.forEachIndex(n, THREADS, task);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "n/a";
        }
    }
}
