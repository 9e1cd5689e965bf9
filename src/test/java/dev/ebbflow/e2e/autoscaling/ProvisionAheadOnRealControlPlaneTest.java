package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.operator.provisioning.ProvisioningModule;
import dev.ebbflow.operator.provisioning.ahead.ProvisionAhead;
import dev.ebbflow.operator.provisioning.kube.EvictionApiPodEvictor;
import dev.ebbflow.operator.provisioning.lifecycle.LifecycleSettings;
import dev.ebbflow.operator.provisioning.provisioner.ProvisioningSettings;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning ahead of the pods on the real control plane, with the real broker, the operator's metrics
 * API read by kube-controller-manager's HPA (5 s sync) and kube-scheduler binding the pods to the simulated
 * cloud's nodes (8 s boot). Three workloads at once, each with a NodePool of its own, each running one
 * replica, each HPA waiting {@value #HPA_WAIT} s of high readings before it scales up ({@code behavior.scaleUp.
 * stabilizationWindowSeconds}), then a burst of 40 messages (4 replicas at 10 per replica):
 * <ul>
 *   <li>{@value #AHEAD}: NodeClaims are created before the first new pod exists, and the new pods run on them;</li>
 *   <li>{@value #PLAIN}, annotated {@code ebbflow.dev/provision-ahead: "false"}: no claim precedes the pods;</li>
 *   <li>{@value #FALLS}: the queue is purged before the HPA scales: the capacity made ahead is released and
 *       its empty node removed.</li>
 * </ul>
 */
@ExtendWith(RealControlPlane.class)
class ProvisionAheadOnRealControlPlaneTest {

    static final String AHEAD = "e2e-ahead";
    static final String PLAIN = "e2e-plain";
    static final String FALLS = "e2e-falls";
    private static final List<String> WORKLOADS = List.of(AHEAD, PLAIN, FALLS);
    private static final String NODE_CLASS = "e2e-ahead";
    private static final String WORKLOAD_LABEL = "e2e.ebbflow.dev/workload";
    private static final String SECRET = "ahead-rabbitmq";
    private static final int MESSAGES = 40;
    private static final int REPLICAS_AFTER_BURST = 4;
    /** How long the HPAs wait with high readings before scaling up: the claims made ahead must come first even on a loaded machine. */
    private static final int HPA_WAIT = 30;
    /** The workload whose reading falls: its HPA must not scale within the test. */
    private static final int NEVER = 3600;

    static KubernetesClient client;
    static String ns;
    static RabbitMqVhost broker;
    static AggregatedOperator operator;

    @BeforeAll
    static void start(ControlPlane cp, @TempDir Path tls) throws Exception {
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        ns = cp.createNamespace(client, "ahead");
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.serviceAccounts().inNamespace(ns).withName("default").get()).isNotNull());
        broker = new RabbitMqVhost();
        for (String queue : WORKLOADS) {
            broker.declare(queue);
        }
        client.resources(SimulatedNodeClass.class).resource(nodeClass()).createOr(r -> r.update());
        WORKLOADS.forEach(w -> client.resources(NodePool.class).resource(pool(w)).create());
        // Short periods, as a test needs them: batches close after 500 ms idle, empty nodes go 2 s after they
        // empty and 3 s after their last nomination.
        ProvisioningModule provisioning = new ProvisioningModule("ebbflow-e2e-ahead", new ProvisioningModule.Settings(
                new ProvisioningSettings(Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(50)),
                new LifecycleSettings(LifecycleSettings.DEFAULT_LAUNCH_TIMEOUT, LifecycleSettings.DEFAULT_REGISTRATION_TIMEOUT, Duration.ofSeconds(1),
                        Duration.ofSeconds(3)),
                Duration.ofMillis(500), Duration.ofSeconds(1), EvictionApiPodEvictor::new)).withProvisionAheadTtl(Duration.ofSeconds(60));
        operator = AggregatedOperator.start(client, ns, tls, b -> b.module(provisioning).provisionAhead(provisioning.podsAhead(), Duration.ofSeconds(30)));
        client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(SECRET).endMetadata()
                .withStringData(Map.of("amqp-url", broker.amqpUrl())).build()).create();
        client.resource(yaml(TriggerAuthentication.class, """
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: ahead-rabbitmq, namespace: %s}
                spec:
                  secretTargetRef: [{parameter: host, name: %s, key: amqp-url}]
                """.formatted(ns, SECRET))).create();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (operator != null) {
                // While the operator runs: it takes its finalizers off, and drains and deletes the pools' nodes.
                client.resources(ScaledObject.class).inNamespace(ns).delete();
                client.resources(ScaledObject.class).inNamespace(ns).waitUntilCondition(so -> so == null, 30, TimeUnit.SECONDS);
                client.apps().deployments().inNamespace(ns).delete();
                Eventually.within(Duration.ofSeconds(30), () -> assertThat(client.pods().inNamespace(ns).list().getItems()).isEmpty());
                // A claim still launching when its pool goes would register its Node after the claim is gone.
                Eventually.within(Duration.ofSeconds(30), () -> WORKLOADS.forEach(w -> assertThat(claimsOf(w))
                        .allSatisfy(c -> assertThat(c.getStatus() == null ? null : c.getStatus().getNodeName()).as(c.getMetadata().getName()).isNotNull())));
                WORKLOADS.forEach(w -> client.resources(NodePool.class).withName(w).delete());
                Eventually.within(Duration.ofSeconds(60), () -> WORKLOADS.forEach(w -> {
                    assertThat(claimsOf(w)).as("claims of " + w).isEmpty();
                    assertThat(client.nodes().withLabel(KarpenterLabels.NODE_POOL, w).list().getItems()).as("nodes of " + w).isEmpty();
                }));
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
            WORKLOADS.forEach(w -> client.nodes().withLabel(KarpenterLabels.NODE_POOL, w).delete());
            client.resources(SimulatedNodeClass.class).withName(NODE_CLASS).delete();
            if (ns != null) {
                client.namespaces().withName(ns).delete();
            }
            if (broker != null) {
                broker.close();
            }
            client.close();
        }
    }

    @Test
    void nodesForTheReplicasTheHpaIsAboutToAskForAreLaunchedBeforeThePodsExist() throws Exception {
        for (String w : WORKLOADS) {
            client.resource(deployment(w)).create();
            client.resource(scaledObject(w, !w.equals(PLAIN), w.equals(FALLS) ? NEVER : HPA_WAIT)).create();
        }
        // One replica each, on a node of its own pool: what runs before the burst.
        Eventually.within(Duration.ofSeconds(120), () -> WORKLOADS.forEach(w -> assertThat(pods(w)).singleElement()
                .satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"))));
        Map<String, Set<String>> before = WORKLOADS.stream().collect(Collectors.toMap(w -> w, w -> names(claimsOf(w))));
        Map<String, Set<String>> podsBefore = WORKLOADS.stream().collect(Collectors.toMap(w -> w, w -> names(pods(w))));

        Instant burst = Instant.now();
        for (String w : WORKLOADS) {
            broker.publish(w, MESSAGES);
        }
        // The reading falls before the HPA's window has passed: it never scales, the capacity made ahead goes.
        Eventually.within(Duration.ofSeconds(45), () -> assertThat(newClaims(FALLS, before)).isNotEmpty());
        broker.purge(FALLS);
        Instant purged = Instant.now();

        Eventually.within(Duration.ofSeconds(150), () -> {
            for (String w : List.of(AHEAD, PLAIN)) {
                assertThat(pods(w)).as("pods of " + w).hasSize(REPLICAS_AFTER_BURST)
                        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
            }
        });
        Instant allRunning = Instant.now();

        List<NodeClaim> ahead = newClaims(AHEAD, before);
        Instant firstAheadPod = firstNewPod(AHEAD, podsBefore);
        assertThat(ahead).as("claims made ahead").isNotEmpty().allSatisfy(c -> assertThat(created(c)).isBefore(firstAheadPod));
        Set<String> aheadNodes = ahead.stream().map(c -> c.getStatus().getNodeName()).collect(Collectors.toSet());
        assertThat(pods(AHEAD)).filteredOn(p -> !podsBefore.get(AHEAD).contains(p.getMetadata().getName()))
                .as("the new pods run on the nodes made ahead for them").allSatisfy(p -> assertThat(aheadNodes).contains(p.getSpec().getNodeName()));
        assertThat(events(AHEAD, "ScaledObject")).anySatisfy(e -> assertThat(e.getMessage())
                .startsWith("Capacity provisioned ahead for " + (REPLICAS_AFTER_BURST - 1) + " pod(s) of Deployment " + ns + "/" + AHEAD));
        assertThat(ahead).allSatisfy(c -> assertThat(events(c.getMetadata().getName(), "NodeClaim")).isNotEmpty());

        List<NodeClaim> plain = newClaims(PLAIN, before);
        Instant firstPlainPod = firstNewPod(PLAIN, podsBefore);
        assertThat(plain).as("claims for the pods of the opted-out workload").isNotEmpty()
                .allSatisfy(c -> assertThat(created(c)).isAfterOrEqualTo(firstPlainPod));
        assertThat(events(PLAIN, "ScaledObject")).isEmpty();

        Eventually.within(Duration.ofSeconds(90), () -> {
            assertThat(newClaims(FALLS, before)).as("the claims made ahead for pods that never came").isEmpty();
            assertThat(client.nodes().withLabel(KarpenterLabels.NODE_POOL, FALLS).list().getItems()).hasSize(1);
        });
        assertThat(pods(FALLS)).hasSize(1);
        String metrics = operator.operator().meterRegistry().scrape();
        assertThat(metrics).contains("ebbflow_provision_ahead_pods_total").contains("ebbflow_provision_ahead_reservations_used_total")
                .contains("ebbflow_provision_ahead_reservations_expired_total");
        System.out.printf("provision-ahead: burst -> first claim ahead %d ms, first new pod %d ms; opted out: first claim %d ms, first new pod %d ms;"
                        + " all %d pods Running %d ms; falling reading: empty node gone %d ms after the purge%n",
                ms(burst, ahead.stream().map(ProvisionAheadOnRealControlPlaneTest::created).min(Comparator.naturalOrder()).orElseThrow()),
                ms(burst, firstAheadPod), ms(burst, plain.stream().map(ProvisionAheadOnRealControlPlaneTest::created).min(Comparator.naturalOrder())
                        .orElseThrow()), ms(burst, firstPlainPod), REPLICAS_AFTER_BURST, ms(burst, allRunning), ms(purged, Instant.now()));
    }

    private static SimulatedNodeClass nodeClass() {
        SimulatedNodeClass nodeClass = new SimulatedNodeClass();
        nodeClass.getMetadata().setName(NODE_CLASS);
        nodeClass.getSpec().setZones(List.of("zone-a"));
        nodeClass.getSpec().setInstanceFamilies(List.of(new InstanceFamily("c", 2)));
        nodeClass.getSpec().setSizes(List.of(1, 2, 4));
        nodeClass.getSpec().setArchitectures(List.of("amd64"));
        nodeClass.getSpec().setCapacityTypes(List.of("on-demand"));
        nodeClass.getSpec().setBootDelay("8s");
        return nodeClass;
    }

    /** A pool for one workload only: its nodes carry the workload's label, which only its pods select. */
    private static NodePool pool(String workload) {
        NodePool pool = new NodePool();
        pool.getMetadata().setName(workload);
        pool.getSpec().getTemplate().getSpec().setNodeClassRef(new NodeClassReference(SimulatedNodeClass.GROUP, SimulatedNodeClass.KIND, NODE_CLASS));
        pool.getSpec().getTemplate().getSpec().setRequirements(List.of(new NodeSelectorRequirementWithMinValues(WORKLOAD_LABEL, "In", List.of(workload))));
        pool.getSpec().getDisruption().setConsolidationPolicy("WhenEmpty");
        pool.getSpec().getDisruption().setConsolidateAfter("2s");
        return pool;
    }

    private static Deployment deployment(String name) {
        return SimulatedWorker.deployment(client, name, ns, WORKLOAD_LABEL, name, "500m");
    }

    private static ScaledObject scaledObject(String name, boolean ahead, int hpaWaitSeconds) {
        return yaml(ScaledObject.class, """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %1$s
                  namespace: %2$s
                  annotations: {ebbflow.dev/provision-ahead: "%3$s"}
                spec:
                  scaleTargetRef: {name: %1$s}
                  pollingInterval: 1
                  minReplicaCount: 1
                  maxReplicaCount: 10
                  advanced:
                    horizontalPodAutoscalerConfig:
                      behavior:
                        scaleUp: {stabilizationWindowSeconds: %4$d}
                  triggers:
                    - type: rabbitmq
                      metadata: {queueName: %1$s, mode: QueueLength, value: "10"}
                      authenticationRef: {name: ahead-rabbitmq}
                """.formatted(name, ns, ahead, hpaWaitSeconds));
    }

    private static <T extends HasMetadata> T yaml(Class<T> type, String text) {
        return client.getKubernetesSerialization().unmarshal(text, type);
    }

    private static List<Pod> pods(String workload) {
        return client.pods().inNamespace(ns).withLabel("app", workload).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static List<NodeClaim> claimsOf(String pool) {
        return client.resources(NodeClaim.class).withLabel(KarpenterLabels.NODE_POOL, pool).list().getItems();
    }

    private static List<NodeClaim> newClaims(String pool, Map<String, Set<String>> before) {
        return claimsOf(pool).stream().filter(c -> !before.get(pool).contains(c.getMetadata().getName())).toList();
    }

    private static Instant firstNewPod(String workload, Map<String, Set<String>> before) {
        return pods(workload).stream().filter(p -> !before.get(workload).contains(p.getMetadata().getName()))
                .map(ProvisionAheadOnRealControlPlaneTest::created).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static List<Event> events(String name, String kind) {
        return client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName())
                        && ProvisionAhead.REASON.equals(e.getReason()))
                .toList();
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(o -> o.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static Instant created(HasMetadata o) {
        return Instant.parse(o.getMetadata().getCreationTimestamp());
    }

    private static long ms(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }
}
