package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.autoscaling.ClusterEnvironment;
import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.testkit.Eventually;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ScaledJob controller against the mock API server and the real RabbitMQ env.rabbit(). */
class ScaledJobControllerTest {

    @RegisterExtension
    static final ClusterEnvironment<ScaledJobCluster> env = ClusterEnvironment.of(ScaledJobCluster::new);

    /** A ScaledJob polling every second on {@code queue}, one Job per message, with extra spec lines. */
    static String scaledJob(String name, String queue, String extraSpec) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: %s
                  labels:
                    team: builds
                spec:
                  pollingInterval: 1
                  jobTargetRef:
                    backoffLimit: 2
                    template:
                      metadata:
                        labels:
                          app: ci-agent
                      spec:
                        restartPolicy: Never
                        containers:
                          - name: agent
                            image: ci-agent:1
                %s  triggers:
                    - type: rabbitmq
                      metadata:
                        host: %s
                        queueName: %s
                        mode: QueueLength
                        value: "1"
                """.formatted(name, extraSpec, RabbitQueues.AMQP_URL, queue);
    }

    @Test
    void createsOneJobPerMessageOwnedAndLabelledAsKedaDoes() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 5);
        ScaledJob sj = env.cluster().create(scaledJob("builds-a", queue, ""));

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-a")).hasSize(5));
        ScaledJobCluster.severalPolls();
        // The five Jobs have no pods yet, so the five messages are covered: nothing more is created.
        List<Job> jobs = env.cluster().jobs("builds-a");
        assertThat(jobs).hasSize(5);
        Job job = jobs.get(0);
        assertThat(job.getMetadata().getName()).startsWith("builds-a-");
        assertThat(job.getMetadata().getLabels()).containsEntry("scaledjob.keda.sh/name", "builds-a").containsEntry("team", "builds");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("ScaledJob");
            assertThat(o.getName()).isEqualTo("builds-a");
            assertThat(o.getUid()).isEqualTo(sj.getMetadata().getUid());
            assertThat(o.getController()).isTrue();
        });
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(2);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("app", "ci-agent").containsEntry("scaledjob.keda.sh/name", "builds-a");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ci-agent:1");

        Eventually.within(Duration.ofSeconds(20), () -> {
            ScaledJob current = env.cluster().scaledJob("builds-a");
            assertThat(KedaConditions.isTrue(current.getStatus(), "Ready")).isTrue();
            assertThat(KedaConditions.isTrue(current.getStatus(), "Active")).isTrue();
            assertThat(env.cluster().condition("builds-a", "Paused").getStatus()).isEqualTo("False");
            assertThat(current.getStatus().getLastActiveTime()).isNotNull();
            assertThat(current.getStatus().getTriggersTypes()).isEqualTo("rabbitmq");
        });
        assertThat(env.cluster().events("builds-a", "KEDAJobsCreated")).isNotEmpty();
        assertThat(env.cluster().scrape()).contains("keda_scaler_metrics_value{metric=\"s0-rabbitmq-" + queue + "\",namespace=\"ci\",scaledObject=\"builds-a\"");
    }

    @Test
    void jobsWhosePodsArePendingAreNotDuplicated() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 3);
        env.cluster().create(scaledJob("builds-b", queue, """
                  scalingStrategy:
                    strategy: accurate
                """));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-b")).hasSize(3));
        // The scheduler has not placed the pods yet: the messages are still queued and the Jobs pending.
        env.cluster().jobs("builds-b").forEach(j -> env.cluster().podFor(j, "Pending"));
        ScaledJobCluster.severalPolls();
        assertThat(env.cluster().jobs("builds-b")).hasSize(3);

        env.rabbit().publish(queue, 1);
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-b")).hasSize(4));
        ScaledJobCluster.severalPolls();
        assertThat(env.cluster().jobs("builds-b")).hasSize(4);
    }

    @Test
    void finishedJobsBeyondTheHistoryLimitsAreDeletedOldestFirst() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 4);
        env.cluster().create(scaledJob("builds-c", queue, """
                  successfulJobsHistoryLimit: 1
                  failedJobsHistoryLimit: 1
                """));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-c")).hasSize(4));
        env.rabbit().purge(queue);
        List<Job> jobs = env.cluster().jobs("builds-c");
        env.cluster().finish(jobs.get(0), "Complete");
        env.cluster().finish(jobs.get(1), "Complete");
        env.cluster().finish(jobs.get(2), "Failed");
        env.cluster().finish(jobs.get(3), "Failed");

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-c")).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrder(jobs.get(1).getMetadata().getName(), jobs.get(3).getMetadata().getName()));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().condition("builds-c", "Active").getStatus()).isEqualTo("False"));
    }

    @Test
    void pausedScaledJobCreatesNothingUntilResumed() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 2);
        ScaledJob paused = env.client().getKubernetesSerialization().unmarshal(scaledJob("builds-d", queue, ""), ScaledJob.class);
        paused.getMetadata().setAnnotations(Map.of("autoscaling.keda.sh/paused", "true"));
        paused.getMetadata().setNamespace(ScaledJobCluster.NS);
        env.client().resource(paused).create();

        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().condition("builds-d", "Paused").getStatus()).isEqualTo("True");
            assertThat(env.cluster().scaledJob("builds-d").getStatus().getPaused()).isEqualTo("true");
        });
        ScaledJobCluster.severalPolls();
        assertThat(env.cluster().jobs("builds-d")).isEmpty();

        env.client().resources(ScaledJob.class).inNamespace(ScaledJobCluster.NS).withName("builds-d")
                .edit(sj -> {
                    sj.getMetadata().getAnnotations().remove("autoscaling.keda.sh/paused");
                    return sj;
                });
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-d")).hasSize(2));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().condition("builds-d", "Paused").getStatus()).isEqualTo("False"));
    }

    @Test
    void malformedScaledJobIsReportedAndOthersKeepWorking() throws Exception {
        env.cluster().create("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: broken
                spec:
                  pollingInterval: 1
                  jobTargetRef:
                    parallelism: 1
                  scalingStrategy:
                    strategy: eager
                    customScalingQueueLengthDeduction: 1
                  triggers:
                    - type: rabbitmq
                      metadata:
                        queueName: builds
                """);
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 2);
        env.cluster().create(scaledJob("builds-e", queue, ""));

        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().condition("broken", "Ready").getStatus()).isEqualTo("False");
            assertThat(env.cluster().condition("broken", "Ready").getReason()).isEqualTo("ScaledJobCheckFailed");
            assertThat(env.cluster().condition("broken", "Ready").getMessage())
                    .contains("spec.jobTargetRef.template: is required")
                    .contains("spec.scalingStrategy.customScalingQueueLengthDeduction");
        });
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().events("broken", "ScaledJobCheckFailed")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).contains("spec.jobTargetRef.template");
                }));
        assertThat(env.cluster().scrape()).contains("keda_scaled_job_errors_total{namespace=\"ci\",scaledJob=\"broken\"} 1.0");
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-e")).hasSize(2));
        assertThat(env.cluster().jobs("broken")).isEmpty();
    }

    @Test
    void defaultRolloutReplacesUnfinishedJobsWithJobsOfTheNewSpec() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 2);
        env.cluster().create(scaledJob("builds-g", queue, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-g")).hasSize(2));
        List<String> before = env.cluster().jobs("builds-g").stream().map(j -> j.getMetadata().getName()).toList();

        env.cluster().updateSpec(scaledJob("builds-g", queue, "").replace("image: ci-agent:1", "image: ci-agent:2"));

        Eventually.within(Duration.ofSeconds(20), () -> {
            List<Job> jobs = env.cluster().jobs("builds-g");
            assertThat(jobs).hasSize(2).noneMatch(j -> before.contains(j.getMetadata().getName()));
            assertThat(jobs).allSatisfy(j -> {
                assertThat(j.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ci-agent:2");
                assertThat(j.getMetadata().getAnnotations()).containsEntry("scaledjob.keda.sh/generation", "2");
            });
        });
    }

    @Test
    void gradualRolloutLetsUnfinishedJobsRun() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 2);
        String gradual = """
                  rollout:
                    strategy: gradual
                """;
        env.cluster().create(scaledJob("builds-h", queue, gradual));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("builds-h")).hasSize(2));
        List<String> before = env.cluster().jobs("builds-h").stream().map(j -> j.getMetadata().getName()).toList();

        env.cluster().updateSpec(scaledJob("builds-h", queue, gradual).replace("image: ci-agent:1", "image: ci-agent:2"));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().scaledJob("builds-h").getMetadata().getGeneration()).isEqualTo(2L));
        ScaledJobCluster.severalPolls();
        assertThat(env.cluster().jobs("builds-h")).extracting(j -> j.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void badTriggerMetadataIsReportedNamingTheField() {
        env.cluster().create(scaledJob("builds-f", "ignored", "").replace("value: \"1\"", "value: \"lots\""));
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().condition("builds-f", "Ready").getStatus()).isEqualTo("False");
            assertThat(env.cluster().condition("builds-f", "Ready").getMessage()).startsWith("spec.triggers[0].metadata.value");
        });
        assertThat(env.cluster().jobs("builds-f")).isEmpty();
    }
}
