package dev.ebbflow.operator.simulate.report;

/** What a scenario is run again without, to show what it brings: each run turns one off and keeps the rest. */
public enum Feature {
    /** No node is removed for being empty or underutilized; drift and expiration stay. */
    CONSOLIDATION("consolidation"),
    /** No capacity is provisioned for the replicas the HPA is about to ask for: nodes follow the pods. */
    PROVISION_AHEAD("provisioning ahead");

    private final String label;

    Feature(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
