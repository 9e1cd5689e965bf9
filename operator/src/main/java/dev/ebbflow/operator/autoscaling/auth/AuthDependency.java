package dev.ebbflow.operator.autoscaling.auth;

import java.util.Objects;

/**
 * An object that trigger authentication read (or looked for and did not find): when it changes, is
 * created or is deleted, the ScaledObjects that depend on it must be reconciled again.
 *
 * @param kind what was read
 * @param namespace its namespace; null for a ClusterTriggerAuthentication
 * @param name its name
 */
public record AuthDependency(Kind kind, String namespace, String name) {

    public enum Kind { TRIGGER_AUTHENTICATION, CLUSTER_TRIGGER_AUTHENTICATION, SECRET, CONFIG_MAP }

    public AuthDependency {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        namespace = kind == Kind.CLUSTER_TRIGGER_AUTHENTICATION ? null : Objects.requireNonNull(namespace, "namespace");
    }

    public static AuthDependency triggerAuthentication(String namespace, String name) {
        return new AuthDependency(Kind.TRIGGER_AUTHENTICATION, namespace, name);
    }

    public static AuthDependency clusterTriggerAuthentication(String name) {
        return new AuthDependency(Kind.CLUSTER_TRIGGER_AUTHENTICATION, null, name);
    }

    public static AuthDependency secret(String namespace, String name) {
        return new AuthDependency(Kind.SECRET, namespace, name);
    }

    public static AuthDependency configMap(String namespace, String name) {
        return new AuthDependency(Kind.CONFIG_MAP, namespace, name);
    }
}
