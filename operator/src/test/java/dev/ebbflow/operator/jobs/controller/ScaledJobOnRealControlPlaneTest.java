package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import dev.ebbflow.operator.leadership.Leadership;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A ScaledJob on the real control plane, fed by the real broker: the API server accepts the Jobs as
 * KEDA writes them (labels, generation annotation, restartPolicy OnFailure when the template has none),
 * no more than maxReplicaCount of them, and kube-controller-manager's job controller creates their Pods
 * (which stay Pending: there is no kubelet).
 */
@ExtendWith(RealControlPlane.class)
class ScaledJobOnRealControlPlaneTest {

    private static KubernetesClient client;
    private static String ns;
    private static ScalerRegistry scalers;
    private static Operator operator;
    private static RabbitQueues rabbit;

    @BeforeAll
    static void startTheController(ControlPlane cp) throws Exception {
        client = cp.newClient();
        Crds.applyRepositoryCrds(client);
        ns = cp.createNamespace(client, "scaledjob");
        rabbit = new RabbitQueues();
        scalers = ScalerRegistry.loadInstalled();
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false));
        ScaledJobReconciler reconciler = new ScaledJobReconciler(client, scalers, new AuthDependencyWatch(client, ns), ns,
                new KedaMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "test", "test"), Clock.systemUTC(),
                Leadership.alwaysLeading());
        ScaledJobController.register(operator, reconciler, Set.of(ns));
        operator.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (operator != null) {
            operator.stop();
        }
        if (scalers != null) {
            scalers.close();
        }
        if (rabbit != null) {
            rabbit.close();
        }
        if (client != null) {
            client.namespaces().withName(ns).delete();
            client.close();
        }
    }

    @Test
    void queuedMessagesBecomeKedaShapedJobsUpToMaxReplicaCountWhosePodsTheJobControllerCreates() throws Exception {
        String queue = rabbit.declare();
        rabbit.publish(queue, 5);
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata: {name: builds, namespace: %s}
                spec:
                  pollingInterval: 1
                  maxReplicaCount: 3
                  jobTargetRef:
                    template:
                      spec:
                        containers: [{name: agent, image: agent:1}]
                  triggers:
                  - type: rabbitmq
                    metadata: {queueName: %s, mode: QueueLength, value: '1', host: '%s'}
                """.formatted(ns, queue, RabbitQueues.AMQP_URL), HasMetadata.class)).create();

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(jobs()).hasSize(3));
        for (Job job : jobs()) {
            assertThat(job.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "builds")
                    .containsEntry("app.kubernetes.io/part-of", "builds").containsEntry("app.kubernetes.io/managed-by", "keda-operator")
                    .containsKey("app.kubernetes.io/version").containsEntry("scaledjob.keda.sh/name", "builds");
            assertThat(job.getMetadata().getAnnotations()).containsEntry("scaledjob.keda.sh/generation", "1");
            assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).as("KEDA's default, stored by the API server").isEqualTo("OnFailure");
            assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("ScaledJob"));
        }
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(pods()).as("Pods the job controller created").hasSize(3)
                .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("scaledjob.keda.sh/name", "builds")
                        .containsKey("batch.kubernetes.io/job-name")));

        Thread.sleep(3_000); // three more polls: five messages wait, but three Jobs are the most
        assertThat(jobs()).as("maxReplicaCount").hasSize(3);
    }

    private static List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(ns).withLabel(JobLabels.SCALED_JOB_NAME, "builds").list().getItems();
    }

    private static List<Pod> pods() {
        return client.pods().inNamespace(ns).withLabel(JobLabels.SCALED_JOB_NAME, "builds").list().getItems();
    }
}
