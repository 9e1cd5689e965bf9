package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Makes a changed Secret, ConfigMap, TriggerAuthentication or ClusterTriggerAuthentication take effect
 * at once, as it does in KEDA: one per controller (ScaledObjects, ScaledJobs), it registers informer
 * event sources on those kinds whose mappers look the changed object up in an {@link AuthReferenceIndex},
 * and it serves the controller's {@link TriggerAuthResolver} from the same caches.
 *
 * <p>The reconciler's side: {@link #dependsOn} after each resolution (what it read, found or not),
 * {@link #takeChange} before deciding whether to rebuild the triggers, {@link #forget} on deletion.
 *
 * <p>Cost: Secrets and ConfigMaps are watched only in the controller's namespaces plus the operator's
 * own (where ClusterTriggerAuthentications read theirs); Secrets no trigger reads are cached without
 * their data ({@link PrunedSecrets}).
 */
public final class AuthDependencyWatch {

    private final String operatorNamespace;
    private final AuthReferenceIndex index = new AuthReferenceIndex();
    private final Set<ResourceID> stale = ConcurrentHashMap.newKeySet();
    private final CachedClusterState state;

    /**
     * @param client reads what the caches do not hold yet
     * @param operatorNamespace where ClusterTriggerAuthentications' Secrets and ConfigMaps live
     */
    public AuthDependencyWatch(KubernetesClient client, String operatorNamespace) {
        this.operatorNamespace = Objects.requireNonNull(operatorNamespace, "operatorNamespace");
        this.state = new CachedClusterState(new ClientClusterState(client));
    }

    /** What the controller's {@link TriggerAuthResolver} reads: the event sources' caches once they exist. */
    public ClusterState clusterState() {
        return state;
    }

    /** The four event sources; call once, from the controller's {@code prepareEventSources}. */
    public <P extends HasMetadata> List<EventSource<?, P>> eventSources(EventSourceContext<P> context) {
        InformerEventSource<Secret, P> secrets = new InformerEventSource<>(
                namespaced(Secret.class, "auth-secrets", context, AuthDependency.Kind.SECRET, AuthDependency::secret,
                        b -> b.withItemStore(PrunedSecrets.store(this::referenced))), context);
        InformerEventSource<ConfigMap, P> configMaps = new InformerEventSource<>(
                namespaced(ConfigMap.class, "auth-configmaps", context, AuthDependency.Kind.CONFIG_MAP,
                        AuthDependency::configMap, UnaryOperator.identity()), context);
        InformerEventSource<TriggerAuthentication, P> triggerAuthentications = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(TriggerAuthentication.class, context.getPrimaryResourceClass())
                        .withName("auth-triggerauthentications")
                        .withNamespacesInheritedFromController()
                        .withSecondaryToPrimaryMapper(mapper(r -> AuthDependency.triggerAuthentication(
                                r.getMetadata().getNamespace(), r.getMetadata().getName())))
                        .withPrimaryToSecondaryMapper(read(AuthDependency.Kind.TRIGGER_AUTHENTICATION))
                        .build(), context);
        InformerEventSource<ClusterTriggerAuthentication, P> clusterTriggerAuthentications = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ClusterTriggerAuthentication.class, context.getPrimaryResourceClass())
                        .withName("auth-clustertriggerauthentications")
                        // Cluster-scoped: never listed per namespace.
                        .withWatchAllNamespaces()
                        .withSecondaryToPrimaryMapper(mapper(r -> AuthDependency.clusterTriggerAuthentication(r.getMetadata().getName())))
                        .withPrimaryToSecondaryMapper(read(AuthDependency.Kind.CLUSTER_TRIGGER_AUTHENTICATION))
                        .build(), context);
        state.attach(secrets, configMaps, triggerAuthentications, clusterTriggerAuthentications);
        return List.of(secrets, configMaps, triggerAuthentications, clusterTriggerAuthentications);
    }

    /** Secrets and ConfigMaps: in the controller's namespaces and the operator's, or everywhere when the controller watches all. */
    private <R extends HasMetadata, P extends HasMetadata> InformerEventSourceConfiguration<R> namespaced(Class<R> type, String name,
            EventSourceContext<P> context, AuthDependency.Kind kind, NamespacedDependency dependency,
            UnaryOperator<InformerEventSourceConfiguration.Builder<R>> customize) {
        Set<String> controllerNamespaces = context.getControllerConfiguration().getEffectiveNamespaces();
        InformerEventSourceConfiguration.Builder<R> b = InformerEventSourceConfiguration.from(type, context.getPrimaryResourceClass())
                .withName(name)
                .withSecondaryToPrimaryMapper(mapper(r -> dependency.of(r.getMetadata().getNamespace(), r.getMetadata().getName())))
                .withPrimaryToSecondaryMapper(read(kind));
        if (InformerConfiguration.allNamespacesWatched(controllerNamespaces)) {
            b.withWatchAllNamespaces();
        } else {
            Set<String> namespaces = new HashSet<>(controllerNamespaces);
            namespaces.add(operatorNamespace);
            b.withNamespaces(namespaces);
        }
        return customize.apply(b).build();
    }

    @FunctionalInterface
    private interface NamespacedDependency {
        AuthDependency of(String namespace, String name);
    }

    private <R extends HasMetadata> DependentsMapper<R> mapper(Function<R, AuthDependency> dependencyOf) {
        return new DependentsMapper<>(index, dependencyOf, stale::addAll);
    }

    /** The objects of one kind a primary last read: JOSDK's view of its secondary resources. */
    private <P extends HasMetadata> io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper<P> read(
            AuthDependency.Kind kind) {
        return primary -> index.dependenciesOf(ResourceID.fromResource(primary)).stream()
                .filter(d -> d.kind() == kind)
                .map(d -> new ResourceID(d.name(), d.namespace()))
                .collect(Collectors.toSet());
    }

    private boolean referenced(Secret secret) {
        return !index.dependentsOfSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName()).isEmpty();
    }

    /** Records what {@code primary}'s triggers read in their latest resolution, found or not. */
    public void dependsOn(ResourceID primary, Set<AuthDependency> dependencies) {
        index.update(primary, dependencies);
    }

    /**
     * Whether something {@code primary}'s triggers read changed since the last call: then its triggers
     * must be resolved and built again. Clears the mark, so ask before resolving, not after.
     */
    public boolean takeChange(ResourceID primary) {
        return stale.remove(primary);
    }

    /** The primary is gone: drop its entries. */
    public void forget(ResourceID primary) {
        index.remove(primary);
        stale.remove(primary);
    }

    /** Which primaries read {@code dependency}, for tests and diagnostics. */
    public Set<ResourceID> dependents(AuthDependency dependency) {
        return index.dependents(dependency);
    }
}
