package dev.ebbflow.operator.autoscaling.auth;

import java.util.Set;

/**
 * A trigger's authentication or environment that cannot be resolved as written.
 *
 * <p>{@link #field()} is the path as the user finds it in the object named by {@link #object()}:
 * {@code spec.triggers[0].authenticationRef.name} in the ScaledObject ({@code object()} is null), or
 * {@code spec.secretTargetRef[1].key} in {@code TriggerAuthentication 'rabbit-auth'}. The message
 * starts with both and never quotes a Secret, ConfigMap or environment value.
 */
public class TriggerAuthException extends Exception {

    private final String object;
    private final String field;
    private final Set<AuthDependency> dependencies;

    TriggerAuthException(String object, String field, String problem, Set<AuthDependency> dependencies) {
        super((object == null ? "" : object + " ") + field + ": " + problem);
        this.object = object;
        this.field = field;
        this.dependencies = Set.copyOf(dependencies);
    }

    /** The object holding {@link #field()}, e.g. {@code TriggerAuthentication 'rabbit-auth'}; null for the ScaledObject itself. */
    public String object() {
        return object;
    }

    /** The offending field, e.g. {@code spec.triggers[0].metadata.hostFromEnv}. */
    public String field() {
        return field;
    }

    /** What was read before failing, the missing object included: a change to any of them is worth a retry. */
    public Set<AuthDependency> dependencies() {
        return dependencies;
    }
}
