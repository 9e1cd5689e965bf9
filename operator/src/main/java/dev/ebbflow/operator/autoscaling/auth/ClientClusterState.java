package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ClusterState} backed by a fabric8 client. Each kind is read from an informer's store when
 * one is given (no API call per reconcile), otherwise with a GET through the client. Secrets are
 * often left without an informer on purpose: caching every Secret of a cluster costs memory and
 * needs list/watch rights on all of them.
 */
public final class ClientClusterState implements ClusterState {

    private final KubernetesClient client;
    private final Store<Secret> secrets;
    private final Store<ConfigMap> configMaps;
    private final Store<TriggerAuthentication> triggerAuthentications;
    private final Store<ClusterTriggerAuthentication> clusterTriggerAuthentications;

    public ClientClusterState(KubernetesClient client) {
        this(client, null, null, null, null);
    }

    private ClientClusterState(KubernetesClient client, Store<Secret> secrets, Store<ConfigMap> configMaps,
            Store<TriggerAuthentication> triggerAuthentications,
            Store<ClusterTriggerAuthentication> clusterTriggerAuthentications) {
        this.client = Objects.requireNonNull(client, "client");
        this.secrets = secrets;
        this.configMaps = configMaps;
        this.triggerAuthentications = triggerAuthentications;
        this.clusterTriggerAuthentications = clusterTriggerAuthentications;
    }

    /** Reads Secrets from this informer store (e.g. {@code informer.getStore()}) instead of the API. */
    public ClientClusterState withSecretStore(Store<Secret> store) {
        return new ClientClusterState(client, store, configMaps, triggerAuthentications, clusterTriggerAuthentications);
    }

    public ClientClusterState withConfigMapStore(Store<ConfigMap> store) {
        return new ClientClusterState(client, secrets, store, triggerAuthentications, clusterTriggerAuthentications);
    }

    public ClientClusterState withTriggerAuthenticationStore(Store<TriggerAuthentication> store) {
        return new ClientClusterState(client, secrets, configMaps, store, clusterTriggerAuthentications);
    }

    public ClientClusterState withClusterTriggerAuthenticationStore(Store<ClusterTriggerAuthentication> store) {
        return new ClientClusterState(client, secrets, configMaps, triggerAuthentications, store);
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return read(secrets, namespace, name,
                () -> client.secrets().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return read(configMaps, namespace, name,
                () -> client.configMaps().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name) {
        return read(triggerAuthentications, namespace, name,
                () -> client.resources(TriggerAuthentication.class).inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name) {
        return read(clusterTriggerAuthentications, null, name,
                () -> client.resources(ClusterTriggerAuthentication.class).withName(name).get());
    }

    private static <T> Optional<T> read(Store<T> store, String namespace, String name, Supplier<T> get) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        if (store != null) {
            return Optional.ofNullable(store.getByKey(namespace == null ? name : Cache.namespaceKeyFunc(namespace, name)));
        }
        return Optional.ofNullable(get.get());
    }
}
