package dev.ebbflow.operator.jobs.core;

/**
 * How many Jobs one poll creates, and why.
 *
 * @param jobsToCreate {@code forQueue + toReachMinimum}
 * @param forQueue Jobs the strategy asks for from the triggers (0 when no trigger is active)
 * @param toReachMinimum Jobs created to keep {@code minReplicaCount} unfinished Jobs
 * @param target the combined trigger reading
 * @param counts the unfinished and pending Jobs counted
 */
public record JobScaleDecision(int jobsToCreate, int forQueue, int toReachMinimum, TargetMetric target, JobCounts counts) {
}
