package dev.ebbflow.operator.autoscaling.controller;

import java.util.Map;

/**
 * A trigger's parameters once its authentication and {@code ...FromEnv} references are resolved:
 * what a {@link dev.ebbflow.scalers.TriggerConfig} is made of.
 */
public record ResolvedTrigger(Map<String, String> metadata, Map<String, String> authParams, String podIdentityProvider) {

    public ResolvedTrigger {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        authParams = authParams == null ? Map.of() : Map.copyOf(authParams);
    }

    @Override
    public String toString() {
        return "ResolvedTrigger[metadata keys=" + metadata.keySet() + ", authParams keys=" + authParams.keySet()
                + ", podIdentityProvider=" + podIdentityProvider + "]";
    }
}
