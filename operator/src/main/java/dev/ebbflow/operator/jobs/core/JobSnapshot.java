package dev.ebbflow.operator.jobs.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One Job owned by a ScaledJob, as the decisions see it.
 *
 * @param createdAt {@code metadata.creationTimestamp}; history cleanup deletes the oldest first
 * @param state whether the Job finished, from its Complete / Failed conditions
 * @param scaledJobGeneration the ScaledJob generation the Job was created from, or null when unknown
 *     (created by another operator or before the annotation existed); rollouts only touch known ones
 * @param pods the Job's pods
 */
public record JobSnapshot(String name, Instant createdAt, State state, Long scaledJobGeneration, List<PodSnapshot> pods) {

    /** A Job is finished once its Complete or Failed condition is True. */
    public enum State {
        UNFINISHED,
        SUCCEEDED,
        FAILED;

        public boolean finished() {
            return this != UNFINISHED;
        }
    }

    public JobSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
        pods = pods == null ? List.of() : List.copyOf(pods);
    }

    /**
     * Whether the Job still waits to start, as KEDA counts it: unfinished and, with
     * {@code pendingPodConditions}, no pod having all of them True; without, no pod Running or
     * Succeeded. A Job whose pod does not exist yet is pending.
     */
    public boolean pending(List<String> pendingPodConditions) {
        if (state.finished()) {
            return false;
        }
        if (pendingPodConditions.isEmpty()) {
            return pods.stream().noneMatch(PodSnapshot::runningOrCompleted);
        }
        return pods.stream().noneMatch(p -> p.hasAllTrue(pendingPodConditions));
    }
}
