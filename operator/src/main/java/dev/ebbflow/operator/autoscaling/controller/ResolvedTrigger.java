package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import java.util.Map;
import java.util.Set;

/**
 * A trigger's parameters once its authentication and {@code ...FromEnv} references are resolved:
 * what a {@link dev.ebbflow.scalers.TriggerConfig} is made of.
 *
 * @param dependencies the objects read to resolve it, whose change must rebuild the trigger
 */
public record ResolvedTrigger(Map<String, String> metadata, Map<String, String> authParams, String podIdentityProvider,
        Set<AuthDependency> dependencies) {

    public ResolvedTrigger {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        authParams = authParams == null ? Map.of() : Map.copyOf(authParams);
        dependencies = dependencies == null ? Set.of() : Set.copyOf(dependencies);
    }

    /** A trigger that read nothing outside the ScaledObject. */
    public ResolvedTrigger(Map<String, String> metadata, Map<String, String> authParams, String podIdentityProvider) {
        this(metadata, authParams, podIdentityProvider, Set.of());
    }

    @Override
    public String toString() {
        return "ResolvedTrigger[metadata keys=" + metadata.keySet() + ", authParams keys=" + authParams.keySet()
                + ", podIdentityProvider=" + podIdentityProvider + "]";
    }
}
