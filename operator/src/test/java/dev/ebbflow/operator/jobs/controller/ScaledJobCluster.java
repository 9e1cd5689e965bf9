package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.leadership.Leadership;
import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The ScaledJob controller on a JOSDK operator configured as Ebbflow runs it (no server-side apply),
 * against fabric8's mock API server, with helpers to play the parts of the Job controller and kubelet,
 * which the mock server does not have.
 */
final class ScaledJobCluster implements AutoCloseable {

    static final String NS = "ci";
    static final String OPERATOR_NS = "ebbflow";

    final KubernetesClient client;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScalerRegistry scalers = ScalerRegistry.loadInstalled();
    private final Operator operator;

    ScaledJobCluster(KubernetesClient client) {
        this.client = client;
        KedaMetrics metrics = new KedaMetrics(registry, "test", "test");
        operator = new Operator(o -> o.withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false)
                .checkingCRDAndValidateLocalModel(false));
        ScaledJobReconciler reconciler = new ScaledJobReconciler(client, scalers, new AuthDependencyWatch(client, OPERATOR_NS), OPERATOR_NS,
                metrics, Clock.systemUTC(), Leadership.alwaysLeading());
        ScaledJobController.register(operator, reconciler, Set.of());
        operator.start();
    }

    /**
     * A minimal ScaledJob of one rabbitmq trigger polled every minute (far beyond any test's wait, so
     * only a watch event explains a quick change), with {@code metadata} as extra metadata lines and
     * {@code trigger} as extra trigger fields, each indented for their place.
     */
    static String slowScaledJob(String name, String metadata, String trigger) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: %s
                  namespace: %s
                %s
                spec:
                  pollingInterval: 60
                  jobTargetRef:
                    template:
                      spec:
                        restartPolicy: Never
                        containers:
                          - name: agent
                            image: agent:1
                  triggers:
                    - type: rabbitmq
                %s
                """.formatted(name, NS, metadata.indent(2).stripTrailing(), trigger.indent(6).stripTrailing());
    }

    ScaledJob create(String yaml) {
        ScaledJob sj = client.getKubernetesSerialization().unmarshal(yaml, ScaledJob.class);
        sj.getMetadata().setNamespace(NS);
        return client.resource(sj).create();
    }

    /** Replaces the spec of an existing ScaledJob, as {@code kubectl apply} of a changed manifest would. */
    ScaledJob updateSpec(String yaml) {
        ScaledJob changed = client.getKubernetesSerialization().unmarshal(yaml, ScaledJob.class);
        // An edit carries the version it read; the operator's status writes between the read and the patch make
        // it conflict, and kubectl apply would simply try again.
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(ScaledJob.class).inNamespace(NS).withName(changed.getMetadata().getName()).edit(sj -> {
                    sj.setSpec(changed.getSpec());
                    return sj;
                });
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != java.net.HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    ScaledJob scaledJob(String name) {
        return client.resources(ScaledJob.class).inNamespace(NS).withName(name).get();
    }

    KedaCondition condition(String scaledJob, String type) {
        ScaledJob sj = scaledJob(scaledJob);
        return sj == null || sj.getStatus() == null ? null : KedaConditions.get(sj.getStatus(), type).orElse(null);
    }

    /** The Jobs of that ScaledJob, oldest first. */
    List<Job> jobs(String scaledJob) {
        return client.batch().v1().jobs().inNamespace(NS).withLabel(JobLabels.SCALED_JOB_NAME, scaledJob).list().getItems().stream()
                .sorted(Comparator.comparing((Job j) -> j.getMetadata().getCreationTimestamp()).thenComparing(j -> j.getMetadata().getName()))
                .toList();
    }

    /** What the Job controller would do: a pod for the Job, in the given phase. */
    void podFor(Job job, String phase) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(job.getMetadata().getName() + "-pod")
                    .withNamespace(NS)
                    .addToLabels(job.getSpec().getTemplate().getMetadata().getLabels())
                    .addToLabels(JobLabels.JOB_NAME, job.getMetadata().getName())
                .endMetadata()
                .withNewSpec().withContainers(job.getSpec().getTemplate().getSpec().getContainers()).endSpec()
                .withNewStatus().withPhase(phase).endStatus()
                .build();
        client.pods().inNamespace(NS).resource(pod).create();
    }

    /** Marks a Job finished, as the Job controller would: condition Complete or Failed. */
    void finish(Job job, String conditionType) {
        Job current = client.batch().v1().jobs().inNamespace(NS).withName(job.getMetadata().getName()).get();
        current.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder().withType(conditionType).withStatus("True").build())
                .build());
        client.batch().v1().jobs().inNamespace(NS).resource(current).updateStatus();
    }

    List<Event> events(String scaledJob, String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> scaledJob.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    String scrape() {
        return registry.scrape();
    }

    /** Waits long enough for several polls at {@code pollingInterval: 1}, for "nothing more happens" checks. */
    static void severalPolls() throws InterruptedException {
        Thread.sleep(Duration.ofMillis(3500).toMillis());
    }

    @Override
    public void close() {
        operator.stop();
        scalers.close();
    }
}
