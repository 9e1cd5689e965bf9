package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import java.util.Set;

/** A trigger whose authentication or environment references cannot be resolved; names the field, never a secret. */
public class TriggerResolutionException extends Exception {

    private final String field;
    private final Set<AuthDependency> dependencies;

    public TriggerResolutionException(String field, String message) {
        this(field, message, Set.of());
    }

    /** @param dependencies what was read before failing, the missing object included: its creation is worth a retry */
    public TriggerResolutionException(String field, String message, Set<AuthDependency> dependencies) {
        super(message);
        this.field = field;
        this.dependencies = Set.copyOf(dependencies);
    }

    public Set<AuthDependency> dependencies() {
        return dependencies;
    }

    /** The full path of the field, e.g. {@code spec.triggers[0].authenticationRef.name}. */
    public String field() {
        return field;
    }
}
