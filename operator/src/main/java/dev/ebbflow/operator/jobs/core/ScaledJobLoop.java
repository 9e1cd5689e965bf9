package dev.ebbflow.operator.jobs.core;

import dev.ebbflow.operator.autoscaling.core.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One poll of a valid ScaledJob: the rollout, then the scaling decision over the Jobs that remain,
 * then the history cleanup, and the conditions KEDA writes. While paused
 * ({@code autoscaling.keda.sh/paused}) nothing is created and no history is cleaned, as KEDA stops
 * the whole scale loop; a rollout still applies, since it answers an explicit change of the spec.
 */
public final class ScaledJobLoop {

    private ScaledJobLoop() {
    }

    /**
     * @param generation {@code metadata.generation} of the ScaledJob
     * @param samples one per trigger, in {@code spec.triggers} order (not read while paused)
     * @param jobs the Jobs the ScaledJob owns, not being deleted
     * @param lastActiveTime {@code status.lastActiveTime} before this poll, or null
     */
    public static JobPollPlan poll(JobScalingSpec spec, boolean paused, long generation, List<TriggerSample> samples,
            List<JobSnapshot> jobs, Instant lastActiveTime, Instant now) {
        RolloutPlan rollout = RolloutPlan.of(spec.rollout(), generation, jobs);
        if (paused) {
            return new JobPollPlan(0, rollout, List.of(), List.of(ScaledJobConditions.ready(), ScaledJobConditions.paused()),
                    lastActiveTime, null);
        }
        Set<String> deleted = new HashSet<>(rollout.jobsToDelete());
        List<JobSnapshot> remaining = jobs.stream().filter(j -> !deleted.contains(j.name())).toList();
        JobScaleDecision scale = JobScaler.decide(spec, samples, JobCounts.of(remaining, spec.pendingPodConditions()));
        List<String> history = HistoryCleanup.jobsToDelete(remaining, spec.successfulJobsHistoryLimit(), spec.failedJobsHistoryLimit());

        List<Condition> conditions = new ArrayList<>();
        conditions.add(readiness(samples));
        conditions.add(scale.target().active() ? ScaledJobConditions.active() : ScaledJobConditions.notActive());
        conditions.add(ScaledJobConditions.unpaused());
        Instant lastActive = scale.target().active() ? now : lastActiveTime;
        return new JobPollPlan(scale.jobsToCreate(), rollout, history, conditions, lastActive, scale);
    }

    /** Ready stays True while at least one trigger answers; with none, Ready=False names every failure. */
    private static Condition readiness(List<TriggerSample> samples) {
        if (samples.isEmpty() || samples.stream().anyMatch(s -> !s.outcome().failed())) {
            return ScaledJobConditions.ready();
        }
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            errors.add("spec.triggers[" + i + "]: " + samples.get(i).outcome().error());
        }
        return ScaledJobConditions.triggerError("Triggers defined in ScaledJob are not working correctly: " + String.join("; ", errors));
    }
}
