package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.operator.startup.RepositoryCrds;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two (then three) {@code ebbflow run} processes on one real API server, with the product's default
 * Lease timing (15 s / 10 s / 2 s): only the Lease holder reconciles; on SIGTERM the leader stops,
 * releases the Lease and exits, and a follower leads at once; after SIGKILL a follower leads once
 * the Lease expires.
 */
@ExtendWith(RealControlPlane.class)
class TwoReplicasTest {

    private static final String LEASE = "ebbflow-operator";
    private static final String RECONCILIATIONS = "operator_sdk_controllers_execution_reconcile_seconds_count";
    /** ScaledObjects in a replica's scale loop. */
    private static final String POLLED = "keda_resource_registered_total";
    private static final Duration LEASE_DURATION = Duration.ofSeconds(15);

    private static KubernetesClient client;
    private static String ns;
    private static final List<OperatorProcess> replicas = new ArrayList<>();

    @BeforeAll
    static void cluster(ControlPlane cp) {
        client = cp.newClient();
        RepositoryCrds.KEDA.forEach(crd -> RepositoryCrds.ensureInstalled(client, crd));
        ns = cp.createNamespace(client, "two-replicas");
    }

    @AfterAll
    static void cleanUp() {
        if (client != null && ns != null) {
            // While a replica may still lead, so that it releases its finalizer; else nobody would.
            client.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(ns).delete();
            try {
                Eventually.within(Duration.ofSeconds(20), () -> assertThat(
                        client.genericKubernetesResources("keda.sh/v1alpha1", "ScaledObject").inNamespace(ns).list().getItems()).isEmpty());
            } finally {
                replicas.forEach(OperatorProcess::close);
                RepositoryCrds.releaseFinalizers(client, "keda.sh/v1alpha1", "ScaledObject", ns);
            }
        }
        replicas.forEach(OperatorProcess::close);
        if (client != null) {
            client.namespaces().withName(ns).delete();
            client.close();
        }
    }

    private static OperatorProcess replica(ControlPlane cp, String name) {
        OperatorProcess p = OperatorProcess.run(name, Map.of("KUBECONFIG", cp.kubeconfig().toString()),
                "--operator-namespace=" + ns, "--watch-namespaces=" + ns, "--leader-election-lease-name=" + LEASE);
        replicas.add(p);
        return p;
    }

    private static String holder() {
        Lease lease = client.leases().inNamespace(ns).withName(LEASE).get();
        return lease == null || lease.getSpec() == null || lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
    }

    private static void awaitLeader(OperatorProcess p, Duration within) {
        Eventually.within(within, () -> assertThat(holder()).as("Lease holder; %s said:%n%s", p.name(), p.output()).startsWith(p.name() + "-"));
    }

    private static void awaitStarted(OperatorProcess p) {
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(p.output()).as(p.name()).contains("Ebbflow operator started"));
    }

    @Test
    void onlyTheHolderActsAndTheLeaseChangesHandsOnSigtermAndSigkill(ControlPlane cp) {
        OperatorProcess a = replica(cp, "replica-a");
        awaitLeader(a, Duration.ofSeconds(60));
        OperatorProcess b = replica(cp, "replica-b");
        awaitStarted(b);

        // Something to reconcile: the leader makes its HPA, the follower does nothing.
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        client.resource(scaledObject()).inNamespace(ns).create();
        Eventually.within(Duration.ofSeconds(30), () ->
                assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-web").get()).isNotNull());
        assertThat(a.metric(RECONCILIATIONS)).as("the leader reconciles").isPositive();
        assertThat(b.metric(RECONCILIATIONS)).as("the follower does not").isZero();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(a.metric(POLLED)).as("the leader polls").isPositive());
        assertThat(b.metric(POLLED)).as("the follower does not").isZero();
        assertThat(b.get("/healthz").status()).as("a follower is healthy: " + b.get("/healthz").body()).isEqualTo(200);

        // SIGTERM: the leader stops, hands the Lease over and exits; the follower leads at once.
        long[] exitedAt = new long[1];
        CompletableFuture<?> exited = a.process().onExit().thenRun(() -> exitedAt[0] = System.nanoTime());
        long terminatedAt = System.nanoTime();
        a.terminate();
        long releasedAt = 0;
        long bLeadsAt = 0;
        long deadline = terminatedAt + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && bLeadsAt == 0) {
            Lease lease = client.leases().inNamespace(ns).withName(LEASE).get();
            String h = lease.getSpec().getHolderIdentity() == null ? "" : lease.getSpec().getHolderIdentity();
            long now = System.nanoTime();
            // fabric8 releases by a merge patch that keeps the holder and shortens the Lease to 1 s.
            if (releasedAt == 0 && (!h.startsWith("replica-a-") || lease.getSpec().getLeaseDurationSeconds() == 1)) {
                releasedAt = now;
            }
            if (h.startsWith("replica-b-")) {
                bLeadsAt = now;
            }
            Eventually.pause(Duration.ofMillis(20));
        }
        assertThat(a.waitFor(Duration.ofSeconds(10))).as("replica-a's exit code; it said:%n%s", a.output()).isZero();
        exited.join();
        double exitSeconds = (exitedAt[0] - terminatedAt) / 1e9;
        double releaseSeconds = (releasedAt - terminatedAt) / 1e9;
        double takeoverSeconds = (bLeadsAt - releasedAt) / 1e9;
        System.out.printf("SIGTERM -> Lease released %.2f s, -> exit %.2f s; release -> follower leads %.2f s%n",
                releaseSeconds, exitSeconds, takeoverSeconds);
        assertThat(releasedAt).as("the Lease was released; replica-a said:%n%s", a.output()).isPositive();
        assertThat(bLeadsAt).as("replica-b took the Lease; it said:%n%s", b.output()).isPositive();
        assertThat(exitSeconds).as("SIGTERM -> exit").isLessThan(5);
        assertThat(takeoverSeconds).as("release -> follower leads").isLessThan(3);
        assertThat(a.output()).contains("Lease released").doesNotContain("Exception");

        // The new leader acts: it puts back the HPA deleted behind its back.
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-web").delete();
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-web").get()).isNotNull();
            assertThat(b.metric(RECONCILIATIONS)).isPositive();
        });

        // SIGKILL: nothing is released; the next follower leads once the Lease has expired.
        OperatorProcess c = replica(cp, "replica-c");
        awaitStarted(c);
        long killedAt = System.nanoTime();
        b.kill();
        awaitLeader(c, LEASE_DURATION.plusSeconds(10));
        double killTakeoverSeconds = (System.nanoTime() - killedAt) / 1e9;
        System.out.printf("SIGKILL -> follower leads %.2f s (lease duration %d s)%n", killTakeoverSeconds, LEASE_DURATION.toSeconds());
        assertThat(killTakeoverSeconds).as("SIGKILL -> follower leads").isLessThan(LEASE_DURATION.toSeconds() + 2);
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(c.metric(RECONCILIATIONS)).isPositive());
    }

    private static io.fabric8.kubernetes.api.model.GenericKubernetesResource scaledObject() {
        String amqp = System.getenv().getOrDefault("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
        return client.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: web
                spec:
                  scaleTargetRef:
                    name: web
                  minReplicaCount: 0
                  maxReplicaCount: 3
                  triggers:
                    - type: rabbitmq
                      metadata:
                        protocol: amqp
                        queueName: two-replicas
                        mode: QueueLength
                        value: "5"
                        host: %s
                """.formatted(amqp), io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
    }
}
