package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.jobs.core.JobSnapshot;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobSnapshotsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final ScaledJob sj = JobTemplatesTest.scaledJob();

    private Job job(String name) {
        Job job = JobTemplates.jobFor(sj);
        job.getMetadata().setName(name);
        job.getMetadata().setCreationTimestamp("2026-01-01T10:00:00Z");
        return job;
    }

    private static Job withCondition(Job job, String type, String status) {
        return new JobBuilder(job).withNewStatus().withConditions(new JobConditionBuilder().withType(type).withStatus(status).build()).endStatus().build();
    }

    private static Pod pod(String name, String phase, String ownerJob, String labelJob) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).addToLabels("scaledjob.keda.sh/name", "agent").endMetadata()
                .withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
        if (ownerJob != null) {
            b.editMetadata().addNewOwnerReference().withKind("Job").withName(ownerJob).withUid("j").endOwnerReference().endMetadata();
        }
        if (labelJob != null) {
            b.editMetadata().addToLabels("batch.kubernetes.io/job-name", labelJob).endMetadata();
        }
        return b.build();
    }

    @Test
    void readsStateGenerationCreationAndPods() {
        List<JobSnapshot> snapshots = JobSnapshots.of(sj,
                List.of(job("running"), withCondition(job("done"), "Complete", "True"), withCondition(job("broken"), "Failed", "True"),
                        withCondition(job("suspended"), "Complete", "False")),
                List.of(pod("p1", "Running", "running", null), pod("p2", "Pending", null, "running"), pod("p3", "Succeeded", "done", null)),
                NOW);
        assertThat(snapshots).extracting(JobSnapshot::name, JobSnapshot::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("running", JobSnapshot.State.UNFINISHED),
                org.assertj.core.groups.Tuple.tuple("done", JobSnapshot.State.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("broken", JobSnapshot.State.FAILED),
                org.assertj.core.groups.Tuple.tuple("suspended", JobSnapshot.State.UNFINISHED));
        JobSnapshot running = snapshots.get(0);
        assertThat(running.scaledJobGeneration()).isEqualTo(3L);
        assertThat(running.createdAt()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(running.pods()).extracting(p -> p.phase()).containsExactlyInAnyOrder("Running", "Pending");
        assertThat(running.pods().get(0).conditions()).containsEntry("Ready", "True");
    }

    @Test
    void onlyJobsOwnedByThisScaledJobAndNotBeingDeletedCount() {
        Job foreign = job("foreign");
        foreign.getMetadata().getOwnerReferences().get(0).setUid("another-uid");
        Job unlabelled = job("unlabelled");
        unlabelled.getMetadata().getLabels().remove("scaledjob.keda.sh/name");
        Job deleting = job("deleting");
        deleting.getMetadata().setDeletionTimestamp("2026-01-01T11:00:00Z");
        assertThat(JobSnapshots.of(sj, List.of(foreign, unlabelled, deleting, job("mine")), List.of(), NOW))
                .extracting(JobSnapshot::name).containsExactly("mine");
    }

    @Test
    void unknownGenerationAndMissingTimestampAreTolerated() {
        Job job = job("old");
        job.getMetadata().getAnnotations().remove("scaledjob.keda.sh/generation");
        job.getMetadata().setCreationTimestamp(null);
        JobSnapshot s = JobSnapshots.of(sj, List.of(job), List.of(), NOW).get(0);
        assertThat(s.scaledJobGeneration()).isNull();
        assertThat(s.createdAt()).isEqualTo(NOW);
    }

    @Test
    void jobsAnnotatedBeforeKedasAnnotationWasWrittenKeepTheirGeneration() {
        Job job = job("earlier");
        job.getMetadata().getAnnotations().remove("scaledjob.keda.sh/generation");
        job.getMetadata().getAnnotations().put("ebbflow.dev/scaledjob-generation", "7");
        assertThat(JobSnapshots.of(sj, List.of(job), List.of(), NOW).get(0).scaledJobGeneration()).isEqualTo(7L);
    }
}
