package dev.ebbflow.operator.simulate.report;

import java.util.List;

/**
 * How many scale events a run had, counted from the same list the report's events table shows, so
 * that the summary and the table agree: replica changes of workloads and changes of the node set.
 */
public record ScaleEventCounts(int total, int workloads, int nodes) {

    public static ScaleEventCounts of(List<ScaleEvent> events) {
        // The simulator scales Deployments; every other object in the table is a node-set change.
        int workloads = (int) events.stream().filter(e -> e.object().startsWith("deployment/")).count();
        return new ScaleEventCounts(events.size(), workloads, events.size() - workloads);
    }

    @Override
    public String toString() {
        return total + " (" + workloads + " of replicas, " + nodes + " of nodes)";
    }
}
