package dev.ebbflow.operator.autoscaling.core.hpa;

/** {@code policies[].type} of an HPA scaling rule. */
public enum PolicyType {
    PODS("Pods"),
    PERCENT("Percent");

    private final String manifestName;

    PolicyType(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    public static PolicyType fromManifest(String value) {
        for (PolicyType p : values()) {
            if (p.manifestName.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("policy type must be Pods or Percent, got '" + value + "'");
    }
}
