package dev.ebbflow.operator.autoscaling.core;

import java.util.Objects;

/** A status condition as KEDA writes it on a ScaledObject (type, status, reason, message). */
public record Condition(String type, Status status, String reason, String message) {

    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /** The status values of a Kubernetes condition. */
    public enum Status {
        TRUE("True"),
        FALSE("False"),
        UNKNOWN("Unknown");

        private final String manifestName;

        Status(String manifestName) {
            this.manifestName = manifestName;
        }

        public String manifestName() {
            return manifestName;
        }
    }
}
