package dev.ebbflow.operator.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.operator.startup.RepositoryCrds;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static LeaseHandover handover;

    @BeforeAll
    static void cluster(ControlPlane cp) {
        client = cp.newClient();
        RepositoryCrds.KEDA.forEach(crd -> RepositoryCrds.ensureInstalled(client, crd));
        ns = cp.createNamespace(client, "two-replicas");
        handover = new LeaseHandover(client, ns, LEASE);
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

    private static void awaitStarted(OperatorProcess p) {
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(p.output()).as(p.name()).contains("Ebbflow operator started"));
    }

    @Test
    void onlyTheHolderActsAndTheLeaseChangesHandsOnSigtermAndSigkill(ControlPlane cp) {
        OperatorProcess a = replica(cp, "replica-a");
        handover.awaitLeader(a, Duration.ofSeconds(60));
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
        // The HPA is written in the middle of the reconcile; the counter moves when the reconcile ends.
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(a.metric(RECONCILIATIONS)).as("the leader reconciles").isPositive());
        assertThat(b.metric(RECONCILIATIONS)).as("the follower does not").isZero();
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(a.metric(POLLED)).as("the leader polls").isPositive());
        assertThat(b.metric(POLLED)).as("the follower does not").isZero();
        assertThat(b.get("/healthz").status()).as("a follower is healthy: " + b.get("/healthz").body()).isEqualTo(200);

        // SIGTERM: the leader stops, hands the Lease over and exits; the follower leads at once.
        LeaseHandover.Sigterm sigterm = handover.sigterm(a, b);
        assertThat(sigterm.exitSeconds()).as("SIGTERM -> exit").isLessThan(5);
        assertThat(sigterm.takeoverSeconds()).as("release -> follower leads").isLessThan(3);
        // A request cut short by the stop may be logged in one line; no stack trace reaches the user.
        assertThat(a.output()).contains("Lease released").doesNotContain("\tat ");

        // The new leader acts: it puts back the HPA deleted behind its back.
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-web").delete();
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName("keda-hpa-web").get()).isNotNull();
            assertThat(b.metric(RECONCILIATIONS)).isPositive();
        });

        // SIGKILL: nothing is released; the next follower leads once the Lease has expired.
        OperatorProcess c = replica(cp, "replica-c");
        awaitStarted(c);
        double killTakeoverSeconds = handover.sigkill(b, c, LEASE_DURATION.plusSeconds(2));
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
