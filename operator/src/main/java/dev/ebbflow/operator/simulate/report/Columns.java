package dev.ebbflow.operator.simulate.report;

/** Names of the sampled columns, shared by the event loop that writes them and the charts that read them. */
public final class Columns {

    public static final String NODES = "nodes";
    public static final String COST = "cost";
    public static final String UNSCHEDULABLE = "unschedulable";

    private Columns() {
    }

    public static String arrivalRate(String queue) {
        return "arrival-rate/" + queue;
    }

    public static String backlog(String queue) {
        return "backlog/" + queue;
    }

    public static String desired(String workload) {
        return "desired/" + workload;
    }

    public static String ready(String workload) {
        return "ready/" + workload;
    }

    public static String pending(String workload) {
        return "pending/" + workload;
    }
}
