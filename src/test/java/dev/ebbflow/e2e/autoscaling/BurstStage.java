package dev.ebbflow.e2e.autoscaling;

/** The stages a queue burst goes through on its way to pods running on new nodes, in pipeline order. */
enum BurstStage {
    /** The HPA's status.desiredReplicas, or the Deployment's spec.replicas it writes first, reaches the burst's count. */
    DESIRED("desired replicas"),
    PODS_CREATED("pods created"),
    CLAIMS_CREATED("NodeClaims created"),
    NODES_READY("nodes Ready"),
    PODS_BOUND("pods bound"),
    PODS_RUNNING("pods Running");

    private final String label;

    BurstStage(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
