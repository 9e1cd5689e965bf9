package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Remembers every lookup, found or not, so that a resolution reports exactly what it depends on,
 * including the object whose absence made it fail (its creation must trigger a retry).
 */
final class RecordingClusterState implements ClusterState {

    private final ClusterState delegate;
    private final Set<AuthDependency> reads = new LinkedHashSet<>();

    RecordingClusterState(ClusterState delegate) {
        this.delegate = delegate;
    }

    Set<AuthDependency> reads() {
        return Set.copyOf(reads);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        reads.add(AuthDependency.secret(namespace, name));
        return delegate.secret(namespace, name);
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        reads.add(AuthDependency.configMap(namespace, name));
        return delegate.configMap(namespace, name);
    }

    @Override
    public Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name) {
        reads.add(AuthDependency.triggerAuthentication(namespace, name));
        return delegate.triggerAuthentication(namespace, name);
    }

    @Override
    public Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name) {
        reads.add(AuthDependency.clusterTriggerAuthentication(name));
        return delegate.clusterTriggerAuthentication(name);
    }
}
