package dev.ebbflow.operator.autoscaling.core;

import java.util.Objects;

/**
 * A problem with one field of a ScaledObject, named as a user finds it in the manifest
 * (e.g. {@code spec.idleReplicaCount}, {@code spec.triggers[1].name}).
 */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
