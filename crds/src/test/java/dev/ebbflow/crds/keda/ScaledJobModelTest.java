package dev.ebbflow.crds.keda;

import static dev.ebbflow.crds.keda.ManifestRoundTrip.added;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.leaves;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.parse;
import static dev.ebbflow.crds.keda.ManifestRoundTrip.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledjob.ScaledJobSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaledJobModelTest {

    /** KEDA's ScaledJob reference example with every documented field set, and a status as KEDA writes it. */
    static final String EVERY_FIELD = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata:
              name: rabbitmq-consumer
              namespace: default
              labels:
                my-label: value
              annotations:
                autoscaling.keda.sh/paused: "true"
            spec:
              jobTargetRef:
                parallelism: 1
                completions: 1
                activeDeadlineSeconds: 600
                backoffLimit: 6
                template:
                  spec:
                    restartPolicy: Never
                    containers:
                    - name: consumer
                      image: ghcr.io/example/consumer:1.0
                      env:
                      - name: RABBITMQ_URL
                        valueFrom:
                          secretKeyRef:
                            name: rabbitmq
                            key: url
              pollingInterval: 10
              successfulJobsHistoryLimit: 5
              failedJobsHistoryLimit: 5
              envSourceContainerName: consumer
              minReplicaCount: 2
              maxReplicaCount: 10
              rolloutStrategy: gradual
              rollout:
                strategy: gradual
                propagationPolicy: foreground
              scalingStrategy:
                strategy: custom
                customScalingQueueLengthDeduction: 1
                customScalingRunningJobPercentage: "0.5"
                pendingPodConditions:
                - Ready
                - PodScheduled
                - AnyOtherCustomPodCondition
                multipleScalersCalculation: sum
              triggers:
              - type: rabbitmq
                metadata:
                  queueName: worker_queue
                  hostFromEnv: RABBITMQ_URL
                  mode: QueueLength
                  value: "1"
                useCachedMetrics: false
            status:
              lastActiveTime: "2026-11-25T10:00:00Z"
              conditions:
              - type: Ready
                status: "True"
                reason: ScaledJobReady
                message: ScaledJob is defined correctly and is ready to scaling
              - type: Paused
                status: "True"
              Paused: "true"
              triggersTypes: rabbitmq
            """;

    static final String MINIMAL = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledJob
            metadata: {name: consumer}
            spec:
              jobTargetRef:
                template:
                  spec:
                    containers: [{name: c, image: busybox}]
              triggers:
              - type: rabbitmq
                metadata: {queueName: q}
            """;

    @Test
    void everyDocumentedFieldIsReadIntoTheModel() {
        ScaledJob job = parse(EVERY_FIELD, ScaledJob.class);
        ScaledJobSpec spec = job.getSpec();

        assertThat(spec.getJobTargetRef().getActiveDeadlineSeconds()).isEqualTo(600L);
        assertThat(spec.getJobTargetRef().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getEnv().get(0).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("url"));
        assertThat(spec.getPollingInterval()).isEqualTo(10);
        assertThat(spec.getSuccessfulJobsHistoryLimit()).isEqualTo(5);
        assertThat(spec.getFailedJobsHistoryLimit()).isEqualTo(5);
        assertThat(spec.getEnvSourceContainerName()).isEqualTo("consumer");
        assertThat(spec.getMinReplicaCount()).isEqualTo(2);
        assertThat(spec.getMaxReplicaCount()).isEqualTo(10);
        assertThat(spec.getRolloutStrategy()).isEqualTo("gradual");
        assertThat(spec.getRollout().getPropagationPolicy()).isEqualTo("foreground");
        assertThat(spec.getScalingStrategy().getStrategy()).isEqualTo("custom");
        assertThat(spec.getScalingStrategy().getCustomScalingQueueLengthDeduction()).isEqualTo(1);
        assertThat(spec.getScalingStrategy().getCustomScalingRunningJobPercentage()).isEqualTo("0.5");
        assertThat(spec.getScalingStrategy().getPendingPodConditions()).containsExactly("Ready", "PodScheduled", "AnyOtherCustomPodCondition");
        assertThat(spec.getScalingStrategy().getMultipleScalersCalculation()).isEqualTo("sum");
        assertThat(job.getStatus().getPaused()).as("KEDA spells it status.Paused").isEqualTo("true");
        assertThat(KedaConditions.isTrue(job.getStatus(), KedaConditions.READY)).isTrue();
    }

    @Test
    void writingAManifestWithEveryFieldBackLosesAndAddsNothing() {
        String written = write(parse(EVERY_FIELD, ScaledJob.class));

        assertThat(leaves(written)).isEqualTo(leaves(EVERY_FIELD));
        assertThat(written).contains("Paused: \"true\"");
    }

    @Test
    void aMinimalManifestReadsKedasDefaultsAndWritesBackOnlyThose() {
        ScaledJob job = parse(MINIMAL, ScaledJob.class);
        ScaledJobSpec spec = job.getSpec();

        assertThat(spec.getPollingInterval()).isEqualTo(30);
        assertThat(spec.getSuccessfulJobsHistoryLimit()).isEqualTo(100);
        assertThat(spec.getFailedJobsHistoryLimit()).isEqualTo(100);
        assertThat(spec.getMinReplicaCount()).isZero();
        assertThat(spec.getMaxReplicaCount()).isEqualTo(100);
        assertThat(spec.getRollout()).isNull();
        assertThat(spec.getRolloutStrategy()).isNull();
        assertThat(spec.getScalingStrategy()).isNull();

        String written = write(job);
        assertThat(leaves(written)).containsAllEntriesOf(leaves(MINIMAL));
        assertThat(added(MINIMAL, written)).isEqualTo(Map.of(
                "spec.pollingInterval", "30",
                "spec.successfulJobsHistoryLimit", "100",
                "spec.failedJobsHistoryLimit", "100",
                "spec.minReplicaCount", "0",
                "spec.maxReplicaCount", "100",
                "spec.triggers[0].useCachedMetrics", "false"));
    }

    @Test
    void rolloutAndScalingStrategyCarryTheirDefaultsWhenPresent() {
        ScaledJobSpec spec = parse("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata: {name: consumer}
                spec:
                  jobTargetRef: {template: {spec: {containers: [{name: c, image: busybox}]}}}
                  rollout: {}
                  scalingStrategy: {pendingPodConditions: [Ready]}
                  triggers: [{type: rabbitmq, metadata: {queueName: q}}]
                """, ScaledJob.class).getSpec();

        assertThat(spec.getRollout().getStrategy()).isEqualTo("default");
        assertThat(spec.getRollout().getPropagationPolicy()).isEqualTo("background");
        assertThat(spec.getScalingStrategy().getStrategy()).isEqualTo("default");
        assertThat(spec.getScalingStrategy().getMultipleScalersCalculation()).isEqualTo("max");
    }
}
