package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.jobs.core.JobSnapshot;
import dev.ebbflow.operator.jobs.core.PodSnapshot;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads Jobs and their pods into the core's {@link JobSnapshot}s. */
public final class JobSnapshots {

    private JobSnapshots() {
    }

    /**
     * The Jobs the ScaledJob owns (its label and an owner reference to its uid), not being deleted,
     * each with its pods (matched by owner reference, or by the Job controller's job-name label).
     */
    public static List<JobSnapshot> of(ScaledJob scaledJob, Collection<Job> jobs, Collection<Pod> pods, Instant now) {
        String uid = scaledJob.getMetadata().getUid();
        String name = scaledJob.getMetadata().getName();
        Map<String, List<PodSnapshot>> podsByJob = new HashMap<>();
        for (Pod pod : pods) {
            String job = owningJob(pod);
            if (job != null) {
                podsByJob.computeIfAbsent(job, k -> new ArrayList<>()).add(pod(pod));
            }
        }
        List<JobSnapshot> snapshots = new ArrayList<>();
        for (Job job : jobs) {
            if (job.getMetadata().getDeletionTimestamp() != null
                    || !name.equals(labels(job).get(JobLabels.SCALED_JOB_NAME))
                    || !ownedBy(job.getMetadata().getOwnerReferences(), uid)) {
                continue;
            }
            snapshots.add(new JobSnapshot(job.getMetadata().getName(), created(job, now), state(job), generation(job),
                    podsByJob.getOrDefault(job.getMetadata().getName(), List.of())));
        }
        return snapshots;
    }

    static JobSnapshot.State state(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return JobSnapshot.State.UNFINISHED;
        }
        for (JobCondition c : job.getStatus().getConditions()) {
            if ("True".equals(c.getStatus()) && "Complete".equals(c.getType())) {
                return JobSnapshot.State.SUCCEEDED;
            }
            if ("True".equals(c.getStatus()) && "Failed".equals(c.getType())) {
                return JobSnapshot.State.FAILED;
            }
        }
        return JobSnapshot.State.UNFINISHED;
    }

    private static PodSnapshot pod(Pod pod) {
        Map<String, String> conditions = new HashMap<>();
        String phase = null;
        if (pod.getStatus() != null) {
            phase = pod.getStatus().getPhase();
            if (pod.getStatus().getConditions() != null) {
                for (PodCondition c : pod.getStatus().getConditions()) {
                    conditions.put(c.getType(), c.getStatus());
                }
            }
        }
        return new PodSnapshot(phase, conditions);
    }

    private static String owningJob(Pod pod) {
        List<OwnerReference> refs = pod.getMetadata().getOwnerReferences();
        if (refs != null) {
            for (OwnerReference r : refs) {
                if ("Job".equals(r.getKind())) {
                    return r.getName();
                }
            }
        }
        Map<String, String> labels = labels(pod);
        return Objects.requireNonNullElse(labels.get(JobLabels.JOB_NAME), labels.get(JobLabels.LEGACY_JOB_NAME));
    }

    private static boolean ownedBy(List<OwnerReference> refs, String uid) {
        return refs != null && refs.stream().anyMatch(r -> Objects.equals(uid, r.getUid()));
    }

    private static Long generation(Job job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        String value = annotations == null ? null
                : annotations.getOrDefault(JobLabels.SCALED_JOB_GENERATION, annotations.get(JobLabels.EARLIER_SCALED_JOB_GENERATION));
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // A Job just created may not carry its timestamp in every client's view; "now" keeps it youngest.
    private static Instant created(Job job, Instant now) {
        String ts = job.getMetadata().getCreationTimestamp();
        try {
            return ts == null ? now : Instant.parse(ts);
        } catch (RuntimeException e) {
            return now;
        }
    }

    private static Map<String, String> labels(io.fabric8.kubernetes.api.model.HasMetadata r) {
        return r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
    }
}
