package dev.ebbflow.operator.autoscaling.core.hpa;

/** {@code behavior.scaleUp/scaleDown.selectPolicy} of an autoscaling/v2 HPA. */
public enum SelectPolicy {
    MAX("Max"),
    MIN("Min"),
    DISABLED("Disabled");

    private final String manifestName;

    SelectPolicy(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    /** Parses the HPA's spelling; null stays null (the API server's default, Max, applies later). */
    public static SelectPolicy fromManifest(String value) {
        if (value == null) {
            return null;
        }
        for (SelectPolicy p : values()) {
            if (p.manifestName.equals(value)) {
                return p;
            }
        }
        throw new IllegalArgumentException("selectPolicy must be one of Max, Min, Disabled, got '" + value + "'");
    }
}
