package dev.ebbflow.operator.jobs.core;

import java.util.List;

/**
 * The Jobs a rollout deletes after the ScaledJob changed, and how: with KEDA's {@code default}
 * rollout every unfinished Job made from an older generation of the ScaledJob is deleted (with
 * {@code rollout.propagationPolicy}) so that the next polls recreate it from the new spec; with
 * {@code gradual} they run to completion. Finished Jobs are history and are left to
 * {@link HistoryCleanup}; Jobs whose generation is unknown are left alone.
 */
public record RolloutPlan(List<String> jobsToDelete, RolloutStrategy.PropagationPolicy propagationPolicy) {

    public RolloutPlan {
        jobsToDelete = List.copyOf(jobsToDelete);
    }

    public static RolloutPlan of(RolloutStrategy rollout, long currentGeneration, List<JobSnapshot> jobs) {
        if (rollout.kind() == RolloutStrategy.Kind.GRADUAL) {
            return new RolloutPlan(List.of(), rollout.propagationPolicy());
        }
        List<String> outdated = jobs.stream()
                .filter(j -> !j.state().finished())
                .filter(j -> j.scaledJobGeneration() != null && j.scaledJobGeneration() < currentGeneration)
                .map(JobSnapshot::name)
                .toList();
        return new RolloutPlan(outdated, rollout.propagationPolicy());
    }
}
