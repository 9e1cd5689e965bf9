package dev.ebbflow.operator.jobs.core;

import java.time.Duration;
import java.time.Instant;

/**
 * When a ScaledJob's next poll is due. A reconcile can be triggered by anything (a Job changing, a
 * status write), but the triggers are only read every {@code pollingInterval}; a change of the spec
 * (new generation) or of the pause annotation is acted on at once, as KEDA restarts its scale loop then.
 *
 * @param lastPoll when the last poll ran
 * @param generation {@code metadata.generation} at the last poll
 * @param paused whether the last poll saw the ScaledJob paused
 */
public record PollSchedule(Instant lastPoll, long generation, boolean paused) {

    /** How long until the next poll; zero or negative means now. {@code last} is null before the first poll. */
    public static Duration untilDue(PollSchedule last, long generation, boolean paused, int pollingIntervalSeconds, Instant now) {
        if (last == null || last.generation != generation || last.paused != paused) {
            return Duration.ZERO;
        }
        return Duration.between(now, last.lastPoll.plusSeconds(pollingIntervalSeconds));
    }
}
