package dev.ebbflow.operator.jobs.core;

import java.util.Optional;

/** {@code spec.scalingStrategy.multipleScalersCalculation}: how several triggers combine into one target. */
public enum MultipleScalersCalculation {
    MAX("max"),
    MIN("min"),
    AVG("avg"),
    SUM("sum");

    private final String manifestName;

    MultipleScalersCalculation(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    public static Optional<MultipleScalersCalculation> fromManifest(String value) {
        for (MultipleScalersCalculation c : values()) {
            if (c.manifestName.equals(value)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
