package dev.ebbflow.operator.simulate.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures the terminal table and the report open with.
 *
 * @param nodesByType for each instance type, the most nodes of it that ran at once
 * @param nodesLaunchedByType for each instance type, how many nodes of it were launched
 * @param longestCatchUp the longest stretch during which fewer pods were ready than desired (for a
 *     burst from zero: how long until all run); empty when it never ended
 * @param unschedulableTime virtual time during which at least one pod waited for room on a node
 * @param nodesRemovedByReason nodes removed by voluntary disruption, by Karpenter's reason (Empty,
 *     Underutilized, Drifted, Expired)
 */
public record Summary(
        List<QueueSummary> queues,
        List<WorkloadSummary> workloads,
        Map<String, Integer> nodesByType,
        Map<String, Integer> nodesLaunchedByType,
        int peakNodes,
        double podHours,
        double nodeHours,
        double cost,
        int scaleEvents,
        Duration unschedulableTime,
        Optional<Duration> longestCatchUp,
        Map<String, Integer> nodesRemovedByReason) {

    /** Karpenter's reasons for removing a node, in the order the report lists them. */
    public static final List<String> REMOVAL_REASONS = List.of("Empty", "Underutilized", "Drifted", "Expired");

    public Summary {
        nodesRemovedByReason = Map.copyOf(nodesRemovedByReason);
    }

    /** A summary of a run in which no node was removed. */
    public Summary(List<QueueSummary> queues, List<WorkloadSummary> workloads, Map<String, Integer> nodesByType,
            Map<String, Integer> nodesLaunchedByType, int peakNodes, double podHours, double nodeHours, double cost, int scaleEvents,
            Duration unschedulableTime, Optional<Duration> longestCatchUp) {
        this(queues, workloads, nodesByType, nodesLaunchedByType, peakNodes, podHours, nodeHours, cost, scaleEvents, unschedulableTime,
                longestCatchUp, Map.of());
    }

    /** Nodes removed for {@code reason}, 0 when none were. */
    public int removed(String reason) {
        return nodesRemovedByReason.getOrDefault(reason, 0);
    }

    /**
     * @param timeToDrain from the peak backlog to the queue next being empty; empty if it never was
     * @param burstToPodsRunning the longest time from a backlog's first message (the queue turning
     *     non-empty) to its consumer running every pod it then wanted; empty if it never fell behind
     */
    public record QueueSummary(
            String name,
            double arrived,
            double consumed,
            double peakBacklog,
            Duration peakBacklogAt,
            Duration p50Wait,
            Duration p95Wait,
            Duration maxWait,
            Optional<Duration> timeToDrain,
            double backlogAtEnd,
            Optional<Duration> burstToPodsRunning) {
    }

    public record WorkloadSummary(String name, int peakReplicas, double averageReplicas, int peakReadyPods) {
    }
}
