package dev.ebbflow.e2e.autoscaling;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * End to end, a RabbitMQ burst to pods running on new nodes (issue 18 §2): on the loopback control plane
 * (kube-controller-manager's HPA, ReplicaSet and node lifecycle controllers, kube-scheduler), the real
 * broker, the operator as a separate JVM as the chart runs it and the simulated cloud (nodes Ready after
 * the SimulatedNodeClass's boot delay; the simulated nodes' heartbeat marks bound pods Running, as a
 * kubelet would). One Deployment runs one replica on a node it fills (900m of a 1-vCPU node's 940m);
 * each burst publishes 10 messages per replica for N more replicas, so every new pod needs a new node.
 * Each stage is timed from the broker's confirmation of the burst to its first and its last object, as
 * this process's watches see them: the HPA's desired replicas (or the Deployment's spec.replicas the HPA
 * writes first), pods created, NodeClaims created, nodes Ready, pods bound, pods Running. Between bursts
 * the queue is purged, the HPA scales back to 1, the burst's NodeClaims are deleted and their nodes go;
 * a random pause of up to one HPA sync period keeps bursts from lining up with the HPA's syncs.
 *
 * <p>Both configurations lift the HPA's default scale-up rate (the larger of +100 % and +4 pods per 15 s)
 * with a policy of 1000 pods per 15 s, so that one HPA sync asks for all N and the pipeline, not that
 * policy, is measured; scale-down has no stabilization window so the next burst starts sooner.
 *
 * <p>Not a test: {@code scripts/latency-benchmark.sh} runs it. Arguments: {@code defaults|ebbflow}, the
 * sizes (comma-separated N), bursts per size, the boot delay, then for {@code ebbflow} optionally the
 * polling interval in seconds, the batch idle and max durations.
 */
public final class BurstLatencyBenchmark {

    private static final String APP = "latency-worker";
    private static final String POOL = "latency-bench";
    private static final String POOL_LABEL = "latency.ebbflow.dev/pool";
    private static final String QUEUE = "latency-burst";
    private static final int MESSAGES_PER_REPLICA = 10;
    private static final Duration HPA_SYNC = Duration.ofSeconds(15);
    private static final Duration BURST_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How the pipeline is set up: the ScaledObject's pollingInterval (null: KEDA's default of 30 s), the
     * operator's provision-ahead switch, Karpenter's batch window.
     */
    record Pipeline(String name, Integer pollingIntervalSeconds, boolean provisionAhead, String batchIdle, String batchMax) {

        static Pipeline of(String[] args) {
            if (args[0].equals("defaults")) {
                return new Pipeline("defaults", null, false, "1s", "10s");
            }
            if (!args[0].equals("ebbflow")) {
                throw new IllegalArgumentException("configuration must be defaults or ebbflow, got " + args[0]);
            }
            return new Pipeline("ebbflow", args.length > 4 ? Integer.parseInt(args[4]) : 1, true, args.length > 5 ? args[5] : "200ms",
                    args.length > 6 ? args[6] : "2s");
        }

        String describe() {
            return String.format(Locale.ROOT, "pollingInterval %s, provision-ahead %s, batch idle %s / max %s", pollingIntervalSeconds == null
                    ? "30 s (default)" : pollingIntervalSeconds + " s", provisionAhead ? "on" : "off", batchIdle, batchMax);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final RabbitMqVhost broker;
    private final AtomicReference<BurstTimeline> current = new AtomicReference<>();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

    private BurstLatencyBenchmark(KubernetesClient client, String namespace, RabbitMqVhost broker) {
        this.client = client;
        this.namespace = namespace;
        this.broker = broker;
    }

    public static void main(String[] args) throws Exception {
        Pipeline pipeline = Pipeline.of(args);
        List<Integer> sizes = Arrays.stream(args[1].split(",")).map(String::trim).map(Integer::parseInt).toList();
        int bursts = Integer.parseInt(args[2]);
        String boot = args[3];
        int maxSize = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        ControlPlane cp = ControlPlane.shared();
        Path work = Files.createTempDirectory("latency-bench-" + pipeline.name());
        System.out.printf(Locale.ROOT, "configuration %s: %s; boot delay %s; sizes %s, %d bursts each; %d cores, load average %s; operator log %s%n",
                pipeline.name(), pipeline.describe(), boot, sizes, bursts, Runtime.getRuntime().availableProcessors(), HpaPathBenchmark.loadAverage(),
                work.resolve("operator.log"));
        Map<Integer, List<BurstTimeline.Result>> results = new LinkedHashMap<>();
        try (KubernetesClient client = cp.newClient(); RabbitMqVhost broker = new RabbitMqVhost()) {
            Crds.applyRepositoryCrds(client);
            String namespace = cp.createNamespace(client, "latency-" + pipeline.name());
            BurstLatencyBenchmark bench = new BurstLatencyBenchmark(client, namespace, broker);
            ChartLikeOperatorProcess operator = null;
            try {
                bench.prepare(boot);
                List<String> operatorArgs = List.of("--provision-ahead=" + pipeline.provisionAhead());
                operator = ChartLikeOperatorProcess.start(client, cp.kubeconfig(), namespace, work, operatorArgs,
                        Map.of("BATCH_IDLE_DURATION", pipeline.batchIdle(), "BATCH_MAX_DURATION", pipeline.batchMax()));
                bench.watch();
                bench.deploy(pipeline, maxSize + 1);
                for (int n : sizes) {
                    for (int b = 1; b <= bursts; b++) {
                        BurstTimeline.Result r = bench.burst(n);
                        results.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
                        System.out.printf(Locale.ROOT, "N=%d burst %d: %s; load average %s%n", n, b, line(r), HpaPathBenchmark.loadAverage());
                    }
                }
            } finally {
                bench.tearDown(operator);
            }
        }
        System.out.printf(Locale.ROOT, "%nconfiguration %s (%s), boot delay %s, load average at the end %s%n%n%s", pipeline.name(),
                pipeline.describe(), boot, HpaPathBenchmark.loadAverage(), LatencyReport.table(results));
        System.exit(0);
    }

    private static String line(BurstTimeline.Result r) {
        StringBuilder out = new StringBuilder();
        for (BurstStage stage : BurstStage.values()) {
            out.append(out.isEmpty() ? "" : ", ").append(stage.label()).append(' ')
                    .append(seconds(r.firstMillis().get(stage))).append('/').append(seconds(r.lastMillis().get(stage)));
        }
        return out.append(" (first/last, s)").toString();
    }

    private static String seconds(Long millis) {
        return millis == null ? "-" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    /** The node class, the pool, the queue and the trigger's credentials. */
    private void prepare(String boot) throws IOException {
        broker.declare(QUEUE);
        client.resource(yaml(SimulatedNodeClass.class, """
                apiVersion: ebbflow.dev/v1alpha1
                kind: SimulatedNodeClass
                metadata: {name: %s}
                spec:
                  zones: [zone-a]
                  instanceFamilies: [{name: c, memoryGiBPerVCpu: 2}]
                  sizes: [1, 2, 4, 8, 16, 32]
                  architectures: [amd64]
                  capacityTypes: [on-demand]
                  bootDelay: %s
                """.formatted(POOL, boot))).createOr(r -> r.update());
        client.resource(yaml(NodePool.class, """
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: %1$s}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: %1$s}
                      requirements: [{key: %2$s, operator: In, values: [%1$s]}]
                  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: 1m}
                """.formatted(POOL, POOL_LABEL))).createOr(r -> r.update());
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("latency-rabbitmq").endMetadata()
                .withStringData(Map.of("host", broker.amqpUrl())).build()).create();
        client.resource(yaml(TriggerAuthentication.class, """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: latency-rabbitmq, namespace: %s}
                spec:
                  secretTargetRef: [{parameter: host, name: latency-rabbitmq, key: host}]
                """.formatted(namespace))).create();
    }

    /** The Deployment and its ScaledObject; returns once the one replica runs and the HPA has reported. */
    private void deploy(Pipeline pipeline, int maxReplicas) throws InterruptedException {
        client.resource(SimulatedWorker.deployment(client, APP, namespace, POOL_LABEL, POOL, "900m")).create();
        client.resource(yaml(ScaledObject.class, """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: %1$s, namespace: %2$s}
                spec:
                  scaleTargetRef: {name: %1$s}
                  %3$s
                  minReplicaCount: 1
                  maxReplicaCount: %4$d
                  advanced:
                    horizontalPodAutoscalerConfig:
                      behavior:
                        scaleUp:
                          stabilizationWindowSeconds: 0
                          policies: [{type: Pods, value: 1000, periodSeconds: 15}]
                        scaleDown:
                          stabilizationWindowSeconds: 0
                          policies: [{type: Percent, value: 100, periodSeconds: 15}]
                  triggers:
                    - type: rabbitmq
                      metadata: {queueName: %5$s, mode: QueueLength, value: "%6$d"}
                      authenticationRef: {name: latency-rabbitmq}
                """.formatted(APP, namespace, pipeline.pollingIntervalSeconds() == null ? "" : "pollingInterval: " + pipeline.pollingIntervalSeconds(),
                maxReplicas, QUEUE, MESSAGES_PER_REPLICA))).create();
        await("one replica Running and the HPA reporting", SETTLE_TIMEOUT, () -> runningPods() == 1 && pods().size() == 1 && hpaReported());
    }

    /** One burst of {@code n} more replicas, timed until every new pod runs, then back to one replica on the baseline node. */
    private BurstTimeline.Result burst(int n) throws Exception {
        await("one replica on the baseline node, no other node or claim", SETTLE_TIMEOUT,
                () -> pods().size() == 1 && deploymentReplicas() == 1 && claims().size() == 1 && nodes().size() == 1);
        Thread.sleep(ThreadLocalRandom.current().nextLong(HPA_SYNC.toMillis()));
        Set<String> before = new HashSet<>();
        pods().forEach(p -> before.add(p.getMetadata().getName()));
        claims().forEach(c -> before.add(c.getMetadata().getName()));
        nodes().forEach(node -> before.add(node.getMetadata().getName()));
        BurstTimeline timeline = new BurstTimeline(n, before);
        current.set(timeline);
        broker.publishConfirmed(QUEUE, (n + 1) * MESSAGES_PER_REPLICA);
        timeline.published(System.nanoTime());
        try {
            await("all " + n + " new pods Running", BURST_TIMEOUT, timeline::complete);
        } catch (IllegalStateException e) {
            System.out.printf(Locale.ROOT, "burst of %d incomplete: %s; counts %s%n", n, e.getMessage(), counts(timeline));
        } finally {
            current.set(null);
        }
        settle(before);
        return timeline.result();
    }

    private static String counts(BurstTimeline timeline) {
        StringBuilder out = new StringBuilder();
        for (BurstStage stage : BurstStage.values()) {
            out.append(stage.label()).append('=').append(timeline.count(stage)).append(' ');
        }
        return out.toString().trim();
    }

    /** Back to the baseline: the queue emptied, the HPA at one replica, the burst's claims deleted and their nodes gone. */
    private void settle(Set<String> before) throws Exception {
        broker.purge(QUEUE);
        await("the HPA back at one replica", SETTLE_TIMEOUT, () -> deploymentReplicas() == 1 && pods().size() == 1);
        for (NodeClaim claim : claims()) {
            if (!before.contains(claim.getMetadata().getName())) {
                client.resource(claim).delete();
            }
        }
        await("the burst's nodes gone", SETTLE_TIMEOUT, () -> claims().size() == 1 && nodes().size() == 1);
    }

    /** Watches that feed the current burst's timeline; each records when this process saw the change. */
    private void watch() {
        informers.add(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).inform(onChange((HorizontalPodAutoscaler h, BurstTimeline t) -> {
            Integer desired = h.getStatus() == null ? null : h.getStatus().getDesiredReplicas();
            if (desired != null && desired >= t.replicas() + 1) {
                t.record(BurstStage.DESIRED, "desired", System.nanoTime());
            }
        })));
        informers.add(client.apps().deployments().inNamespace(namespace).withName(APP).inform(onChange((Deployment d, BurstTimeline t) -> {
            Integer replicas = d.getSpec().getReplicas();
            if (replicas != null && replicas >= t.replicas() + 1) {
                t.record(BurstStage.DESIRED, "desired", System.nanoTime());
            }
        })));
        informers.add(client.pods().inNamespace(namespace).withLabel("app", APP).inform(onChange((Pod p, BurstTimeline t) -> {
            long now = System.nanoTime();
            String name = p.getMetadata().getName();
            if (p.getMetadata().getDeletionTimestamp() != null) {
                return;
            }
            t.record(BurstStage.PODS_CREATED, name, now);
            if (p.getSpec().getNodeName() != null) {
                t.record(BurstStage.PODS_BOUND, name, now);
            }
            if (p.getStatus() != null && "Running".equals(p.getStatus().getPhase())) {
                t.record(BurstStage.PODS_RUNNING, name, now);
            }
        })));
        informers.add(client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, POOL).inform(onChange((NodeClaim c, BurstTimeline t) ->
                t.record(BurstStage.CLAIMS_CREATED, c.getMetadata().getName(), System.nanoTime()))));
        informers.add(client.nodes().withLabel(KarpenterLabels.NODE_POOL, POOL).inform(onChange((Node node, BurstTimeline t) -> {
            boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (ready) {
                t.record(BurstStage.NODES_READY, node.getMetadata().getName(), System.nanoTime());
            }
        })));
    }

    private <T extends HasMetadata> ResourceEventHandler<T> onChange(BiConsumer<T, BurstTimeline> observe) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }

            private void seen(T obj) {
                BurstTimeline timeline = current.get();
                if (timeline != null) {
                    observe.accept(obj, timeline);
                }
            }
        };
    }

    /** While the operator still runs: it takes its finalizers off and drains and deletes the pool's nodes. */
    private void tearDown(ChartLikeOperatorProcess operator) throws Exception {
        informers.forEach(SharedIndexInformer::close);
        try {
            if (operator != null) {
                client.resources(ScaledObject.class).inNamespace(namespace).delete();
                client.resources(ScaledObject.class).inNamespace(namespace).waitUntilCondition(so -> so == null, 60, TimeUnit.SECONDS);
                client.apps().deployments().inNamespace(namespace).delete();
                client.resources(NodePool.class).withName(POOL).delete();
                await("the pool's claims and nodes gone", SETTLE_TIMEOUT, () -> claims().isEmpty() && nodes().isEmpty());
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
            client.resources(NodePool.class).withName(POOL).delete();
            client.nodes().withLabel(KarpenterLabels.NODE_POOL, POOL).delete();
            client.resources(SimulatedNodeClass.class).withName(POOL).delete();
            client.namespaces().withName(namespace).delete();
        }
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabel("app", APP).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private long runningPods() {
        return pods().stream().filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).count();
    }

    private List<NodeClaim> claims() {
        return client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems();
    }

    private List<Node> nodes() {
        return client.nodes().withLabel(KarpenterLabels.NODE_POOL, POOL).list().getItems();
    }

    private int deploymentReplicas() {
        Integer replicas = client.apps().deployments().inNamespace(namespace).withName(APP).get().getSpec().getReplicas();
        return replicas == null ? 0 : replicas;
    }

    private boolean hpaReported() {
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName("keda-hpa-" + APP).get();
        return hpa != null && hpa.getStatus() != null && hpa.getStatus().getCurrentMetrics() != null && !hpa.getStatus().getCurrentMetrics().isEmpty();
    }

    private <T extends HasMetadata> T yaml(Class<T> type, String text) {
        return client.getKubernetesSerialization().unmarshal(text, type);
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not seen within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
