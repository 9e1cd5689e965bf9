package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.PodIdentity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a trigger's TriggerAuthentication or ClusterTriggerAuthentication resolved to.
 *
 * <p>{@link #toString()} shows parameter keys only, so a ResolvedAuth can be logged.
 *
 * @param params trigger parameter to value (secrets included), for {@code TriggerConfig.authParams}
 * @param podIdentityProvider {@code spec.podIdentity.provider}, or null when absent or {@code none}
 * @param podIdentity the whole {@code spec.podIdentity} (identityId, roleArn, ...), or null when no provider applies
 * @param dependencies every object read, for {@link AuthReferenceIndex}
 */
public record ResolvedAuth(
        Map<String, String> params,
        String podIdentityProvider,
        PodIdentity podIdentity,
        Set<AuthDependency> dependencies) {

    private static final ResolvedAuth NONE = new ResolvedAuth(Map.of(), null, null, Set.of());

    public ResolvedAuth {
        params = params == null ? Map.of() : Map.copyOf(params);
        dependencies = dependencies == null ? Set.of() : Set.copyOf(dependencies);
    }

    /** A trigger without authenticationRef. */
    public static ResolvedAuth none() {
        return NONE;
    }

    /**
     * These parameters plus the {@code ...FromEnv} metadata values for keys they do not set, and the
     * dependencies of both. Handing the result to {@code TriggerConfig.authParams} keeps env-resolved
     * values (often credentials) out of printed metadata, and with {@code TriggerConfig.param} gives
     * KEDA's order: literal metadata, then authentication, then the environment.
     */
    public ResolvedAuth withEnvFallbacks(ResolvedEnv env) {
        Map<String, String> merged = new HashMap<>(env.values());
        merged.putAll(params);
        Set<AuthDependency> deps = new HashSet<>(dependencies);
        deps.addAll(env.dependencies());
        return new ResolvedAuth(merged, podIdentityProvider, podIdentity, deps);
    }

    @Override
    public String toString() {
        return "ResolvedAuth[params=" + Redaction.keysOnly(params)
                + ", podIdentityProvider=" + podIdentityProvider + ", dependencies=" + dependencies + "]";
    }
}
