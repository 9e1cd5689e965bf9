package dev.ebbflow.operator.jobs.core;

import dev.ebbflow.operator.autoscaling.core.Condition;
import java.time.Instant;
import java.util.List;

/**
 * What one poll of a ScaledJob does: Jobs to create, outdated Jobs to delete (rollout), finished Jobs
 * to delete (history), and the status to write.
 *
 * @param scale the scaling decision, or null while paused (no trigger is read)
 * @param lastActiveTime {@code status.lastActiveTime} after this poll, may be null
 */
public record JobPollPlan(
        int jobsToCreate,
        RolloutPlan rollout,
        List<String> historyToDelete,
        List<Condition> conditions,
        Instant lastActiveTime,
        JobScaleDecision scale) {

    public JobPollPlan {
        historyToDelete = List.copyOf(historyToDelete);
        conditions = List.copyOf(conditions);
    }
}
