package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outcome of checking one generation of a ScaledObject: either a {@link CompiledScaledObject} or field errors.
 *
 * @param dependencies the Secrets, ConfigMaps and (Cluster)TriggerAuthentications its triggers read, found or not
 */
public record Compilation(long generation, CompiledScaledObject compiled, List<FieldError> errors, Set<AuthDependency> dependencies) {

    public Compilation {
        errors = List.copyOf(errors);
        dependencies = Set.copyOf(dependencies);
        if ((compiled == null) == errors.isEmpty()) {
            throw new IllegalArgumentException("a compilation has either a result or errors");
        }
    }

    public Compilation(long generation, CompiledScaledObject compiled, List<FieldError> errors) {
        this(generation, compiled, errors, Set.of());
    }

    public static Compilation ok(CompiledScaledObject compiled) {
        return new Compilation(compiled.generation(), compiled, List.of());
    }

    public static Compilation failed(long generation, List<FieldError> errors) {
        return new Compilation(generation, null, errors);
    }

    public Compilation withDependencies(Set<AuthDependency> dependencies) {
        return new Compilation(generation, compiled, errors, dependencies);
    }

    public boolean valid() {
        return compiled != null;
    }

    /** The errors as one message, each naming its field, for the Ready condition and the Event. */
    public String message() {
        return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
    }
}
