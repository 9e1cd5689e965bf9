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

    /** Kubernetes' deletion propagation, as the DeleteOptions API spells it. */
    public enum PropagationPolicy {
        BACKGROUND("background", "Background"),
        FOREGROUND("foreground", "Foreground");

        private final String manifestName;
        private final String apiName;

        PropagationPolicy(String manifestName, String apiName) {
            this.manifestName = manifestName;
            this.apiName = apiName;
        }

        /** The value for {@code DeleteOptions.propagationPolicy}. */
        public String apiName() {
            return apiName;
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
