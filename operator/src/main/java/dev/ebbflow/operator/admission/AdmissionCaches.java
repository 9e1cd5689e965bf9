package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.ClientClusterState;
import dev.ebbflow.operator.autoscaling.auth.ClusterState;
import dev.ebbflow.operator.autoscaling.auth.ScaleTargetPodTemplate;
import dev.ebbflow.operator.autoscaling.metrics.ScaledObjectIndex;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the webhook reads of the cluster, from informer caches that run on every replica, so that
 * admitting an object costs no API request: the ScaledObjects (the operator's own index) and HPAs of
 * a namespace for the one-autoscaler-per-workload rule, and TriggerAuthentications and
 * ClusterTriggerAuthentications for trigger resolution. Until a cache has listed, and for a namespace
 * the operator does not watch, the API server is asked as before. Secrets and the scale target's pod
 * template (read only for triggers that reference them) are still read per request: caching every
 * Secret and workload of a cluster on every replica costs more than the webhook saves.
 */
public final class AdmissionCaches implements ScaledObjectAdmission.Cluster, AutoCloseable {

    /** How long an admitted ScaledObject stands in for the cache; the cache normally catches up within milliseconds. */
    static final Duration KEEP_ADMITTED = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final ScaledObjectIndex scaledObjects;
    private final Set<String> namespaces;
    private final InformerView<HorizontalPodAutoscaler> hpas;
    private final InformerView<TriggerAuthentication> triggerAuthentications;
    private final InformerView<ClusterTriggerAuthentication> clusterTriggerAuthentications;
    private final RecentlyAdmitted admitted;

    private AdmissionCaches(KubernetesClient client, ScaledObjectIndex scaledObjects, Set<String> namespaces, Clock clock) {
        this.client = client;
        this.scaledObjects = scaledObjects;
        this.namespaces = Set.copyOf(namespaces);
        this.hpas = InformerView.start(informers(client.autoscaling().v2().horizontalPodAutoscalers(), namespaces), namespaces);
        this.triggerAuthentications = InformerView.start(informers(client.resources(TriggerAuthentication.class), namespaces), namespaces);
        this.clusterTriggerAuthentications = InformerView.start(
                List.of(client.resources(ClusterTriggerAuthentication.class).runnableInformer(0)), Set.of());
        this.admitted = new RecentlyAdmitted(clock, KEEP_ADMITTED);
    }

    /**
     * @param scaledObjects the operator's ScaledObject index, watching {@code namespaces}
     * @param namespaces the watched namespaces; empty means all
     */
    public static AdmissionCaches start(KubernetesClient client, ScaledObjectIndex scaledObjects, Set<String> namespaces, Clock clock) {
        return new AdmissionCaches(client, scaledObjects, namespaces, clock);
    }

    private static <T extends HasMetadata> List<SharedIndexInformer<T>> informers(MixedOperation<T, ?, ?> kind, Set<String> namespaces) {
        if (namespaces.isEmpty()) {
            return List.of(kind.inAnyNamespace().runnableInformer(0));
        }
        return namespaces.stream().map(ns -> kind.inNamespace(ns).runnableInformer(0)).toList();
    }

    /** Whether every cache has listed (the ScaledObject index included). */
    public boolean hasSynced() {
        return scaledObjects.hasSynced() && hpas.serves(null) && triggerAuthentications.serves(null) && clusterTriggerAuthentications.serves(null);
    }

    @Override
    public List<ScaledObject> scaledObjects(String namespace) {
        boolean cached = scaledObjects.hasSynced() && (namespaces.isEmpty() || namespaces.contains(namespace));
        List<ScaledObject> known = cached ? scaledObjects.inNamespace(namespace)
                : client.resources(ScaledObject.class).inNamespace(namespace).list().getItems();
        return admitted.overlay(namespace, known);
    }

    @Override
    public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
        return hpas.serves(namespace) ? hpas.list(namespace)
                : client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems();
    }

    @Override
    public Optional<PodTemplateSpec> podTemplate(String namespace, ScaleTargetRef target) {
        return ScaleTargetPodTemplate.fetch(client, namespace, target);
    }

    @Override
    public void admitted(ScaledObject so) {
        admitted.record(so);
    }

    /** Trigger resolution's view: (Cluster)TriggerAuthentications from the caches, Secrets and ConfigMaps from the API. */
    public ClusterState clusterState() {
        ClusterState api = new ClientClusterState(client);
        return new ClusterState() {
            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return api.secret(namespace, name);
            }

            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return api.configMap(namespace, name);
            }

            @Override
            public Optional<TriggerAuthentication> triggerAuthentication(String namespace, String name) {
                return cachedOr(triggerAuthentications, namespace, name, () -> api.triggerAuthentication(namespace, name));
            }

            @Override
            public Optional<ClusterTriggerAuthentication> clusterTriggerAuthentication(String name) {
                return cachedOr(clusterTriggerAuthentications, null, name, () -> api.clusterTriggerAuthentication(name));
            }
        };
    }

    private static <T extends HasMetadata> Optional<T> cachedOr(InformerView<T> view, String namespace, String name, Supplier<Optional<T>> api) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return view.serves(namespace) ? view.get(namespace, name) : api.get();
    }

    @Override
    public void close() {
        hpas.close();
        triggerAuthentications.close();
        clusterTriggerAuthentications.close();
    }
}
