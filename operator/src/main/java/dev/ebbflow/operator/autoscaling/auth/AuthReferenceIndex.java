package dev.ebbflow.operator.autoscaling.auth;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which ScaledObjects read which TriggerAuthentications, ClusterTriggerAuthentications, Secrets and
 * ConfigMaps, so that a change to one of them requeues exactly its dependents. The reconciler
 * {@link #update}s a ScaledObject's entry after each resolution (with {@link ResolvedAuth#dependencies()}
 * or, on failure, {@link TriggerAuthException#dependencies()}) and {@link #remove}s it on deletion.
 * Thread-safe: reconcilers write while event sources read.
 */
public final class AuthReferenceIndex {

    private final Map<ResourceID, Set<AuthDependency>> byScaledObject = new HashMap<>();
    private final Map<AuthDependency, Set<ResourceID>> byDependency = new HashMap<>();

    /** Replaces everything {@code scaledObject} depends on. */
    public synchronized void update(ResourceID scaledObject, Set<AuthDependency> dependencies) {
        remove(scaledObject);
        if (dependencies.isEmpty()) {
            return;
        }
        byScaledObject.put(scaledObject, Set.copyOf(dependencies));
        for (AuthDependency d : dependencies) {
            byDependency.computeIfAbsent(d, k -> new HashSet<>()).add(scaledObject);
        }
    }

    public synchronized void remove(ResourceID scaledObject) {
        Set<AuthDependency> old = byScaledObject.remove(scaledObject);
        if (old == null) {
            return;
        }
        for (AuthDependency d : old) {
            Set<ResourceID> dependents = byDependency.get(d);
            dependents.remove(scaledObject);
            if (dependents.isEmpty()) {
                byDependency.remove(d);
            }
        }
    }

    /** The ScaledObjects that read {@code dependency}: what to requeue when it changes. */
    public synchronized Set<ResourceID> dependents(AuthDependency dependency) {
        return Set.copyOf(byDependency.getOrDefault(dependency, Set.of()));
    }

    /** What {@code scaledObject} was last recorded to depend on. */
    public synchronized Set<AuthDependency> dependenciesOf(ResourceID scaledObject) {
        return byScaledObject.getOrDefault(scaledObject, Set.of());
    }

    public synchronized Set<ResourceID> dependentsOfTriggerAuthentication(String namespace, String name) {
        return dependents(AuthDependency.triggerAuthentication(namespace, name));
    }

    public synchronized Set<ResourceID> dependentsOfClusterTriggerAuthentication(String name) {
        return dependents(AuthDependency.clusterTriggerAuthentication(name));
    }

    public synchronized Set<ResourceID> dependentsOfSecret(String namespace, String name) {
        return dependents(AuthDependency.secret(namespace, name));
    }

    public synchronized Set<ResourceID> dependentsOfConfigMap(String namespace, String name) {
        return dependents(AuthDependency.configMap(namespace, name));
    }
}
