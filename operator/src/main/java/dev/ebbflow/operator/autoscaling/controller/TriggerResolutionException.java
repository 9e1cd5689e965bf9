package dev.ebbflow.operator.autoscaling.controller;

/** A trigger whose authentication or environment references cannot be resolved; names the field, never a secret. */
public class TriggerResolutionException extends Exception {

    private final String field;

    public TriggerResolutionException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The full path of the field, e.g. {@code spec.triggers[0].authenticationRef.name}. */
    public String field() {
        return field;
    }
}
