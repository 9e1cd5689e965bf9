package dev.ebbflow.operator.jobs.core;

import java.util.Optional;

/**
 * {@code spec.rollout}: what happens to unfinished Jobs when the ScaledJob changes. {@code DEFAULT}
 * deletes them with the given propagation policy, {@code GRADUAL} lets them run to completion.
 */
public record RolloutStrategy(Kind kind, PropagationPolicy propagationPolicy) {

    public static final RolloutStrategy DEFAULT = new RolloutStrategy(Kind.DEFAULT, PropagationPolicy.BACKGROUND);

    public enum Kind {
        DEFAULT("default"),
        GRADUAL("gradual");

        private final String manifestName;

        Kind(String manifestName) {
            this.manifestName = manifestName;
        }

        public static Optional<Kind> fromManifest(String value) {
            for (Kind k : values()) {
                if (k.manifestName.equals(value)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Kubernetes' deletion propagation for the Jobs a default rollout deletes. */
    public enum PropagationPolicy {
        BACKGROUND("background"),
        FOREGROUND("foreground");

        private final String manifestName;

        PropagationPolicy(String manifestName) {
            this.manifestName = manifestName;
        }

        public static Optional<PropagationPolicy> fromManifest(String value) {
            for (PropagationPolicy p : values()) {
                if (p.manifestName.equals(value)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }
}
