package dev.ebbflow.operator.autoscaling.core;

/** {@code spec.fallback.behavior}: how the fallback replica count is derived. */
public enum FallbackBehavior {
    STATIC("static"),
    CURRENT_REPLICAS("currentReplicas"),
    CURRENT_REPLICAS_IF_HIGHER("currentReplicasIfHigher"),
    CURRENT_REPLICAS_IF_LOWER("currentReplicasIfLower");

    private final String manifestName;

    FallbackBehavior(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    /** KEDA's spelling; absent means {@code static}. */
    public static FallbackBehavior fromManifest(String value) {
        if (value == null || value.isEmpty()) {
            return STATIC;
        }
        for (FallbackBehavior b : values()) {
            if (b.manifestName.equals(value)) {
                return b;
            }
        }
        throw new IllegalArgumentException("must be one of static, currentReplicas, currentReplicasIfHigher, currentReplicasIfLower, got '" + value + "'");
    }

    /** The replica count the HPA is steered to while this behavior is in effect. */
    public int replicas(int fallbackReplicas, int currentReplicas) {
        return switch (this) {
            case STATIC -> fallbackReplicas;
            case CURRENT_REPLICAS -> currentReplicas;
            case CURRENT_REPLICAS_IF_HIGHER -> Math.max(currentReplicas, fallbackReplicas);
            case CURRENT_REPLICAS_IF_LOWER -> Math.min(currentReplicas, fallbackReplicas);
        };
    }
}
