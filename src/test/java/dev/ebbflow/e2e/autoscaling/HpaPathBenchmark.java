package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.testkit.kube.Crds;

import dev.ebbflow.crds.keda.scaledobject.AdvancedConfig;
import dev.ebbflow.crds.keda.scaledobject.HorizontalPodAutoscalerConfig;
import dev.ebbflow.testkit.kube.ControlPlane;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehaviorBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * How long a RabbitMQ backlog takes to reach the Deployment through the real path: publish -> the
 * value visible through the API server's aggregated external metrics API -> the HPA's
 * status.desiredReplicas -> the Deployment's spec.replicas, over a number of bursts, on the real
 * control plane (HPA sync period 5 s) with the operator's default polling interval (the example's
 * pollingInterval is removed, so KEDA's default of 30 s applies).
 *
 * <p>Two modes: {@code warm} (minReplicaCount 1: the HPA alone scales 1 -> N; the metric is read live on
 * each HPA sync, so the polling interval plays no part) and {@code cold} (minReplicaCount 0: the operator's
 * poll first activates 0 -> 1, then the HPA takes it to N). Between bursts the queue is purged and the
 * Deployment comes back down (warm: the HPA, with a scale-down stabilization window of 0; cold: the
 * operator after cooldownPeriod), the next burst waits out the HPA's 15 s scale-up policy period, and a
 * random pause keeps bursts from lining up with the HPA's 5 s sync (warm: 0-5 s) or with the operator's
 * polls (cold: 0-30 s, since the Deployment reaches 0 right after a poll).
 *
 * <p>Not a test: run on demand,
 * {@code mvn -o -q -pl src/test -am test-compile -Phpa-bench [-Dbench.args="20 40 warm"]}, with
 * {@code EBBFLOW_TEST_KUBECONFIG} naming a running control plane (else one is started) and the broker of
 * the test environment up.
 */
public final class HpaPathBenchmark {

    private static final int TARGET_PER_REPLICA = 10;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration HPA_SCALE_UP_PERIOD = Duration.ofSeconds(16);
    private static final Duration HPA_SYNC_PERIOD = Duration.ofSeconds(5);
    private static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(30);

    private record Burst(long metricMillis, long hpaMillis, long deploymentMillis, long activationMillis) {
    }

    private final KubernetesClient client;
    private final String namespace;
    private final RabbitMqVhost broker;
    private final boolean cold;
    private final int messages;

    private HpaPathBenchmark(KubernetesClient client, String namespace, RabbitMqVhost broker, boolean cold, int messages) {
        this.client = client;
        this.namespace = namespace;
        this.broker = broker;
        this.cold = cold;
        this.messages = messages;
    }

    public static void main(String[] args) throws Exception {
        int bursts = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        boolean cold = args.length > 2 && args[2].equalsIgnoreCase("cold");
        ControlPlane cp = ControlPlane.shared();
        Path work = Files.createTempDirectory("hpa-bench");
        try (KubernetesClient client = cp.newClient(); RabbitMqVhost broker = new RabbitMqVhost()) {
            Crds.applyRepositoryCrds(client);
            String namespace = cp.createNamespace(client, "hpa-bench");
            broker.declare(RabbitMqExample.QUEUE);
            try (AggregatedOperator operator = AggregatedOperator.start(client, namespace, work)) {
                HpaPathBenchmark bench = new HpaPathBenchmark(client, namespace, broker, cold, messages);
                bench.run(bursts);
                // While the operator runs, so that it takes its finalizer off and the namespace can go.
                client.resources(dev.ebbflow.crds.keda.scaledobject.ScaledObject.class).inNamespace(namespace)
                        .withName(RabbitMqExample.SCALED_OBJECT).delete();
                bench.await("the ScaledObject is gone", () -> client.resources(dev.ebbflow.crds.keda.scaledobject.ScaledObject.class)
                        .inNamespace(namespace).withName(RabbitMqExample.SCALED_OBJECT).get() == null);
            } finally {
                client.namespaces().withName(namespace).delete();
            }
        }
        System.exit(0);
    }

    private void run(int bursts) throws Exception {
        int baseline = cold ? 0 : 1;
        int expected = (messages + TARGET_PER_REPLICA - 1) / TARGET_PER_REPLICA;
        RabbitMqExample.apply(client, namespace, broker.amqpUrl(), so -> {
            so.getSpec().setPollingInterval(null);
            so.getSpec().setMinReplicaCount(baseline);
            so.getSpec().setCooldownPeriod(cold ? 5 : null);
            HorizontalPodAutoscalerConfig hpa = new HorizontalPodAutoscalerConfig();
            hpa.setBehavior(new HorizontalPodAutoscalerBehaviorBuilder().withNewScaleDown().withStabilizationWindowSeconds(0).endScaleDown().build());
            AdvancedConfig advanced = new AdvancedConfig();
            advanced.setHorizontalPodAutoscalerConfig(hpa);
            so.getSpec().setAdvanced(advanced);
        });
        await("the Deployment at " + baseline + " and the HPA in place", () -> replicas() == baseline && hpa() != null);
        System.out.printf(Locale.ROOT, "%s start: %d bursts of %d messages (%d replicas at %d per replica) from %d replica(s); load average %s%n",
                cold ? "cold" : "warm", bursts, messages, expected, TARGET_PER_REPLICA, baseline, loadAverage());
        List<Burst> results = new ArrayList<>();
        long lastScaleUp = 0;
        for (int i = 0; i < bursts; i++) {
            long sinceScaleUp = System.nanoTime() - lastScaleUp;
            if (sinceScaleUp < HPA_SCALE_UP_PERIOD.toNanos()) {
                Thread.sleep((HPA_SCALE_UP_PERIOD.toNanos() - sinceScaleUp) / 1_000_000);
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong((cold ? DEFAULT_POLLING_INTERVAL : HPA_SYNC_PERIOD).toMillis()));
            Burst burst = burst(expected);
            lastScaleUp = System.nanoTime();
            results.add(burst);
            System.out.printf(Locale.ROOT, "burst %2d: metric %5d ms, %sHPA desired %5d ms, Deployment %5d ms; load %s%n", i + 1, burst.metricMillis(),
                    cold ? String.format(Locale.ROOT, "activated %5d ms, ", burst.activationMillis()) : "", burst.hpaMillis(),
                    burst.deploymentMillis(), loadAverage());
            broker.purge(RabbitMqExample.QUEUE);
            await("back to " + baseline + " replica(s)", () -> replicas() == baseline);
        }
        System.out.printf(Locale.ROOT, "publish -> metric visible   p50 %6d ms  max %6d ms%n", p50(results, Burst::metricMillis), max(results, Burst::metricMillis));
        if (cold) {
            System.out.printf(Locale.ROOT, "publish -> activated (0->1) p50 %6d ms  max %6d ms%n", p50(results, Burst::activationMillis),
                    max(results, Burst::activationMillis));
        }
        System.out.printf(Locale.ROOT, "publish -> HPA desired      p50 %6d ms  max %6d ms%n", p50(results, Burst::hpaMillis), max(results, Burst::hpaMillis));
        System.out.printf(Locale.ROOT, "publish -> spec.replicas    p50 %6d ms  max %6d ms%n", p50(results, Burst::deploymentMillis),
                max(results, Burst::deploymentMillis));
        System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
    }

    /** Publishes the burst and watches the three stages until each shows it; times from the publish. */
    private Burst burst(int expected) throws Exception {
        long start = System.nanoTime();
        broker.publish(RabbitMqExample.QUEUE, messages);
        long metric = -1;
        long activation = cold ? -1 : 0;
        long hpa = -1;
        long deployment = -1;
        long deadline = start + STEP_TIMEOUT.toNanos();
        while (metric < 0 || activation < 0 || hpa < 0 || deployment < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("burst not seen within " + STEP_TIMEOUT + ": metric " + metric + ", activation " + activation
                        + ", HPA " + hpa + ", Deployment " + deployment);
            }
            // Each stage is timed when its answer has come back.
            if (metric < 0 && metricValue() == messages) {
                metric = System.nanoTime();
            }
            int replicas = replicas();
            long now = System.nanoTime();
            if (activation < 0 && replicas >= 1) {
                activation = now;
            }
            if (deployment < 0 && replicas == expected) {
                deployment = now;
            }
            HorizontalPodAutoscaler current = hpa();
            if (hpa < 0 && current != null && current.getStatus() != null && Integer.valueOf(expected).equals(current.getStatus().getDesiredReplicas())) {
                hpa = System.nanoTime();
            }
            Thread.sleep(50);
        }
        return new Burst(millis(metric - start), millis(hpa - start), millis(deployment - start), cold ? millis(activation - start) : 0);
    }

    /** The metric's value as the HPA reads it, through the aggregation layer; -1 while unavailable. */
    private long metricValue() {
        try {
            JsonArray items = new JsonObject(client.raw("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + namespace + "/" + RabbitMqExample.METRIC
                    + "?labelSelector=scaledobject.keda.sh/name=" + RabbitMqExample.SCALED_OBJECT)).getJsonArray("items");
            return items.isEmpty() ? -1 : Long.parseLong(items.getJsonObject(0).getString("value"));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private int replicas() {
        Integer r = client.apps().deployments().inNamespace(namespace).withName(RabbitMqExample.DEPLOYMENT).get().getSpec().getReplicas();
        return r == null ? 0 : r;
    }

    private HorizontalPodAutoscaler hpa() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(RabbitMqExample.HPA).get();
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not seen within " + STEP_TIMEOUT + ": " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static long p50(List<Burst> bursts, java.util.function.ToLongFunction<Burst> stage) {
        List<Long> values = new ArrayList<>(bursts.stream().map(stage::applyAsLong).toList());
        Collections.sort(values);
        return values.get((values.size() - 1) / 2);
    }

    private static long max(List<Burst> bursts, java.util.function.ToLongFunction<Burst> stage) {
        return bursts.stream().mapToLong(stage).max().orElse(0);
    }

    /** The load average over 1, 5 and 15 minutes, as /proc/loadavg gives it. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
