package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class JobTemplatesTest {

    static ScaledJob scaledJob() {
        ScaledJob sj = new KubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: agent
                  namespace: ci
                  uid: 1234
                  generation: 3
                  labels: {team: builds}
                  annotations:
                    owner: platform
                    autoscaling.keda.sh/paused: "false"
                    kubectl.kubernetes.io/last-applied-configuration: "{}"
                spec:
                  jobTargetRef:
                    parallelism: 2
                    template:
                      metadata: {labels: {app: agent}}
                      spec:
                        restartPolicy: Never
                        containers: [{name: a, image: agent:1}]
                  triggers: [{type: rabbitmq, metadata: {queueName: q}}]
                """, ScaledJob.class);
        return sj;
    }

    @Test
    void theJobCarriesKedasLabelTheOwnerAndTheGeneration() {
        Job job = JobTemplates.jobFor(scaledJob());
        assertThat(job.getMetadata().getGenerateName()).isEqualTo("agent-");
        assertThat(job.getMetadata().getName()).isNull();
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ci");
        assertThat(job.getMetadata().getLabels()).containsEntry("scaledjob.keda.sh/name", "agent").containsEntry("team", "builds")
                .containsEntry("app.kubernetes.io/name", "agent").containsEntry("app.kubernetes.io/part-of", "agent")
                .containsEntry("app.kubernetes.io/managed-by", "keda-operator").containsKey("app.kubernetes.io/version");
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("owner", "platform")
                .containsEntry("scaledjob.keda.sh/generation", "3")
                .doesNotContainKeys("autoscaling.keda.sh/paused", "kubectl.kubernetes.io/last-applied-configuration");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
            assertThat(o.getKind()).isEqualTo("ScaledJob");
            assertThat(o.getUid()).isEqualTo("1234");
            assertThat(o.getController()).isTrue();
            assertThat(o.getBlockOwnerDeletion()).isTrue();
        });
    }

    @Test
    void theSpecIsJobTargetRefWithTheLabelOnItsPodsAndTheScaledJobIsNotModified() {
        ScaledJob sj = scaledJob();
        Job job = JobTemplates.jobFor(sj);
        assertThat(job.getSpec().getParallelism()).isEqualTo(2);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "agent").containsEntry("scaledjob.keda.sh/name", "agent");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("agent:1");
        assertThat(sj.getSpec().getJobTargetRef().getTemplate().getMetadata().getLabels()).doesNotContainKey("scaledjob.keda.sh/name");
    }

    @Test
    void restartPolicyDefaultsToOnFailureAsInKedaAndAWrittenOneIsKept() {
        ScaledJob sj = scaledJob();
        assertThat(JobTemplates.jobFor(sj).getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        sj.getSpec().getJobTargetRef().getTemplate().getSpec().setRestartPolicy(null);
        assertThat(JobTemplates.jobFor(sj).getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("OnFailure");
        assertThat(sj.getSpec().getJobTargetRef().getTemplate().getSpec().getRestartPolicy()).isNull();
    }

    @Test
    void theScaledJobsOwnLabelsWinOverKedasStandardOnes() {
        ScaledJob sj = scaledJob();
        sj.getMetadata().getLabels().put("app.kubernetes.io/part-of", "ci-platform");
        assertThat(JobTemplates.jobFor(sj).getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "ci-platform");
    }
}
