package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/**
 * The objects that trigger authentication reads, by namespace and name. The seam between resolution
 * (pure) and where the objects come from: the API server, informer caches, or memory in tests and in
 * the simulator.
 */
public interface ClusterState {

    Optional<Secret> secret(String namespace, String name);

    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name);

    Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name);
}
