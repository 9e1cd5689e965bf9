package dev.ebbflow.operator.jobs.core;

import java.util.Optional;

/** {@code spec.scalingStrategy.strategy}: how the target metric becomes a number of new Jobs. */
public enum ScalingStrategyKind {
    DEFAULT("default"),
    CUSTOM("custom"),
    ACCURATE("accurate"),
    EAGER("eager");

    private final String manifestName;

    ScalingStrategyKind(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    /** The strategy of that exact spelling (KEDA's values are lower case), or empty. */
    public static Optional<ScalingStrategyKind> fromManifest(String value) {
        for (ScalingStrategyKind k : values()) {
            if (k.manifestName.equals(value)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
