package dev.ebbflow.operator.autoscaling.auth;

import java.util.Map;
import java.util.Set;

/**
 * Trigger metadata resolved from the scale target's environment: for {@code hostFromEnv: RABBITMQ_URL},
 * {@code values} maps {@code host} to the variable's value. Such values are often credentials (a URL
 * with a password), so {@link #toString()} shows keys only.
 *
 * @param values base metadata key to value
 * @param dependencies Secrets and ConfigMaps read through {@code valueFrom} / {@code envFrom}
 */
public record ResolvedEnv(Map<String, String> values, Set<AuthDependency> dependencies) {

    public ResolvedEnv {
        values = values == null ? Map.of() : Map.copyOf(values);
        dependencies = dependencies == null ? Set.of() : Set.copyOf(dependencies);
    }

    @Override
    public String toString() {
        return "ResolvedEnv[values=" + Redaction.keysOnly(values) + ", dependencies=" + dependencies + "]";
    }
}
