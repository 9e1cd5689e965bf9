package dev.ebbflow.operator.autoscaling;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.kube.KubernetesClients;
import dev.ebbflow.operator.metricsapi.MetricsApiLoad;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

/**
 * How the ScaledObject controller copes with many ScaledObjects, against fabric8's mock API server in
 * CRUD mode (in the same JVM) and the real RabbitMQ broker: time until every generated HPA exists,
 * heap after a full GC, and external metrics API latency at a fixed request rate (live reads of the
 * broker, coalesced). Run on demand (surefire excludes *Benchmark*):
 * <pre>
 * mvn -B -q -pl operator -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/ebbflow-cp.txt
 * java -Xmx2g -cp operator/target/test-classes:operator/target/classes:$(cat /tmp/ebbflow-cp.txt) \
 *      dev.ebbflow.operator.autoscaling.ScaledObjectControllerBenchmark [scaledObjects=1000,10000] [qps=2000] [rate=200] [seconds=30] [http1|http2]
 * </pre>
 */
public final class ScaledObjectControllerBenchmark {

    private static final String NS = "bench";
    // JUL keeps loggers weakly: hold the one we quiet, or its level is lost. Logging every mock request would measure the logger.
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    private ScaledObjectControllerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length > 0 ? args[0] : "1000,10000").split(",");
        double qps = args.length > 1 ? Double.parseDouble(args[1]) : 2000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        HttpClient.Version version = args.length > 4 && args[4].equalsIgnoreCase("http2") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
        MOCK_LOG.setLevel(Level.WARNING);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        for (String size : sizes) {
            run(Integer.parseInt(size.trim()), qps, rate, seconds, version);
        }
        System.exit(0);
    }

    private static void run(int count, double qps, int rate, int seconds, HttpClient.Version version) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (RabbitQueues rabbit = new RabbitQueues();
                KubernetesClient admin = server.createClient();
                KubernetesClient operatorClient = KubernetesClients.rateLimited(admin.getConfiguration(), qps, (int) (qps * 2))) {
            String queue = rabbit.declare();
            rabbit.publish(queue, 7);
            AtomicInteger hpas = new AtomicInteger();
            SharedIndexInformer<HorizontalPodAutoscaler> watch = admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS)
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(HorizontalPodAutoscaler obj) {
                            hpas.incrementAndGet();
                        }

                        @Override
                        public void onUpdate(HorizontalPodAutoscaler oldObj, HorizontalPodAutoscaler newObj) {
                        }

                        @Override
                        public void onDelete(HorizontalPodAutoscaler obj, boolean deletedFinalStateUnknown) {
                        }
                    });
            OperatorSettings settings = new OperatorSettings(Set.of(), qps, (int) (qps * 2), "WARN", false, "ebbflow-operator", NS, NS, 0, 0,
                    Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
            try (EbbflowOperator operator = EbbflowOperator.builder().settings(settings).client(operatorClient)
                    .scalers(ScalerRegistry.loadInstalled()).bindHost("127.0.0.1").withoutMetricsApiClientAuthentication().build().start()) {
                long start = System.nanoTime();
                create(admin, count, queue);
                long created = System.nanoTime();
                while (hpas.get() < count) {
                    if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(15)) {
                        throw new IllegalStateException("only " + hpas.get() + " of " + count + " HPAs after 15 minutes");
                    }
                    Thread.sleep(100);
                }
                long done = System.nanoTime();
                System.gc();
                Thread.sleep(500);
                System.gc();
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("%,d ScaledObjects: created in %.1f s, every HPA after %.1f s; heap after GC %d MB "
                                + "(whole JVM: operator + mock API server + test client); scale loop holds %d%n",
                        count, (created - start) / 1e9, (done - start) / 1e9, heap / (1024 * 1024), operator.scaledObjectsInScaleLoop());

                System.out.printf("%,d ScaledObjects: metrics provider in-process at %d req/s for %d s (live broker reads): %s%n",
                        count, rate, seconds, inProcess(operator, "s0-rabbitmq-" + queue, count, rate, seconds));
                List<URI> targets = new ArrayList<>();
                String metric = "s0-rabbitmq-" + queue;
                for (int i = 0; i < count; i++) {
                    targets.add(URI.create("https://127.0.0.1:" + operator.metricsApiPort() + "/apis/external.metrics.k8s.io/v1beta1/namespaces/"
                            + NS + "/" + metric + "?labelSelector=scaledobject.keda.sh%2Fname%3Dso-" + i));
                }
                HttpClient https = InsecureHttps.client(version);
                var first = https.send(java.net.http.HttpRequest.newBuilder(targets.get(0)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                System.out.println("first metrics API answer: " + first.statusCode() + " " + first.body());
                MetricsApiLoad.run(https, targets, rate, Duration.ofSeconds(5));
                MetricsApiLoad.Result result = MetricsApiLoad.run(https, targets, rate, Duration.ofSeconds(seconds));
                System.out.printf("%,d ScaledObjects: metrics API over %s at %d req/s for %d s (live broker reads): %s%n", count, version, rate, seconds, result);
            } finally {
                watch.close();
            }
        } finally {
            server.destroy();
        }
    }

    /** The provider alone, without TLS or HTTP: open-loop at {@code rate}, latency measured from when each call was due. */
    private static String inProcess(EbbflowOperator operator, String metric, int count, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long[] latencies = new long[total];
        AtomicInteger failed = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(20);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            callers.execute(() -> {
                try {
                    operator.metricsProvider().read(NS, metric,
                            dev.ebbflow.operator.metricsapi.LabelSelector.parse("scaledobject.keda.sh/name=so-" + (n % count)));
                } catch (Exception e) {
                    failed.incrementAndGet();
                }
                latencies[n] = System.nanoTime() - due;
            });
        }
        callers.shutdown();
        callers.awaitTermination(5, TimeUnit.MINUTES);
        long[] sorted = latencies.clone();
        java.util.Arrays.sort(sorted);
        return String.format("calls=%d failed=%d p50=%.2fms p99=%.2fms max=%.2fms", total, failed.get(),
                sorted[(int) Math.ceil(0.50 * total) - 1] / 1e6, sorted[(int) Math.ceil(0.99 * total) - 1] / 1e6, sorted[total - 1] / 1e6);
    }

    private static void create(KubernetesClient client, int count, String queue) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.execute(() -> {
                String name = "so-" + n;
                client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                        .withNewMetadata().withName("worker-" + n).withNamespace(NS).endMetadata()
                        .withNewSpec().withReplicas(1)
                            .withNewSelector().addToMatchLabels("app", "worker-" + n).endSelector()
                            .withNewTemplate().withNewMetadata().addToLabels("app", "worker-" + n).endMetadata()
                                .withNewSpec().addNewContainer().withName("worker").withImage("worker:1").endContainer().endSpec()
                            .endTemplate()
                        .endSpec().build()).create();
                ScaledObject so = client.getKubernetesSerialization().unmarshal("""
                        apiVersion: keda.sh/v1alpha1
                        kind: ScaledObject
                        metadata:
                          name: %s
                          namespace: %s
                        spec:
                          scaleTargetRef:
                            name: worker-%d
                          minReplicaCount: 1
                          maxReplicaCount: 10
                          triggers:
                            - type: rabbitmq
                              metadata:
                                host: %s
                                queueName: %s
                                mode: QueueLength
                                value: "5"
                        """.formatted(name, NS, n, RabbitQueues.AMQP_URL, queue), ScaledObject.class);
                client.resource(so).create();
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }
}
