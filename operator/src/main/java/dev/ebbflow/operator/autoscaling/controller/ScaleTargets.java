package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.GroupVersionKindResource;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes the replica count of any resource with a {@code /scale} subresource (Deployment,
 * StatefulSet, custom resources), through fabric8's generic client.
 */
public final class ScaleTargets implements AutoCloseable {

    /** A resolved scale target: how to address it, and the GVKR KEDA records in status. */
    public record Target(String namespace, String name, ResourceDefinitionContext context, GroupVersionKindResource gvkr) {

        /** KEDA's {@code status.scaleTargetKind}, e.g. {@code apps/v1.Deployment}. */
        public String kindLabel() {
            String group = gvkr.getGroup();
            return (group == null || group.isEmpty() ? "" : group + "/") + gvkr.getVersion() + "." + gvkr.getKind();
        }
    }

    /** Thrown when the target does not exist; names {@code spec.scaleTargetRef}. */
    public static final class TargetNotFoundException extends Exception {
        public TargetNotFoundException(String message) {
            super(message);
        }
    }

    // Discovery is one request per group version; the well-known kinds need none.
    private static final Map<String, String> WELL_KNOWN_PLURALS = Map.of(
            "apps/v1/Deployment", "deployments",
            "apps/v1/StatefulSet", "statefulsets",
            "apps/v1/ReplicaSet", "replicasets",
            "v1/ReplicationController", "replicationcontrollers");

    private final KubernetesClient client;
    private final Map<String, String> plurals = new ConcurrentHashMap<>(WELL_KNOWN_PLURALS);
    private final CachedReplicas cached;

    public ScaleTargets(KubernetesClient client) {
        this.client = client;
        this.cached = new CachedReplicas(client);
    }

    public Target resolve(String namespace, ScaleTargetRef ref) {
        String apiVersion = ref.getApiVersion() == null || ref.getApiVersion().isBlank() ? "apps/v1" : ref.getApiVersion();
        String kind = ref.getKind() == null || ref.getKind().isBlank() ? "Deployment" : ref.getKind();
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String plural = plurals.computeIfAbsent(apiVersion + "/" + kind, k -> discoverPlural(apiVersion, kind));
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true).build();
        return new Target(namespace, ref.getName(), context, new GroupVersionKindResource(group, version, kind, plural));
    }

    /**
     * {@code spec.replicas} of the target's /scale; for a Deployment or StatefulSet, as a watch last
     * showed it (and as we last wrote it, until the watch shows that write).
     */
    public int currentReplicas(Target target) throws TargetNotFoundException {
        OptionalInt fromWatch = cached.replicas(target);
        if (fromWatch.isPresent()) {
            return fromWatch.getAsInt();
        }
        Scale scale;
        try {
            scale = resource(target).scale();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw missingOrWithoutScale(target);
            }
            throw e;
        }
        if (scale == null) {
            throw missingOrWithoutScale(target);
        }
        return scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
    }

    /**
     * The target (a Deployment or StatefulSet) as the watch behind {@link #currentReplicas} last showed it,
     * without a request; empty for other kinds or while the watch has not seen it.
     */
    public Optional<HasMetadata> cachedObject(Target target) {
        return cached.object(target);
    }

    /**
     * Writes {@code spec.replicas} through /scale: reads the Scale, changes the count and writes it back
     * with the resourceVersion it read, so a concurrent change is refused rather than overwritten.
     */
    public void setReplicas(Target target, int replicas) throws TargetNotFoundException {
        try {
            Resource<GenericKubernetesResource> resource = resource(target);
            Scale scale = resource.scale();
            if (scale == null) {
                throw notFound(target);
            }
            // Everything else the server sent is written back as read (a mock server answers with the whole object).
            scale.setSpec(new io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleSpecBuilder(
                    scale.getSpec() == null ? new io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleSpec() : scale.getSpec())
                    .withReplicas(replicas).build());
            Scale written = resource.scale(scale);
            cached.written(target, written == null || written.getMetadata() == null ? null : written.getMetadata().getResourceVersion(),
                    replicas);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw notFound(target);
            }
            throw e;
        }
    }

    /** Stops the watches behind {@link #currentReplicas}. */
    @Override
    public void close() {
        cached.close();
    }

    private Resource<GenericKubernetesResource> resource(Target target) {
        return client.genericKubernetesResources(target.context()).inNamespace(target.namespace()).withName(target.name());
    }

    /** A 404 on /scale also answers for a kind without the subresource (e.g. a ConfigMap): tell the two apart. */
    private TargetNotFoundException missingOrWithoutScale(Target target) {
        if (resource(target).get() == null) {
            return notFound(target);
        }
        return new TargetNotFoundException(target.gvkr().getKind() + " '" + target.name() + "' (" + target.kindLabel()
                + ") has no /scale subresource, so it cannot be scaled");
    }

    private static TargetNotFoundException notFound(Target target) {
        return new TargetNotFoundException(target.gvkr().getKind() + " '" + target.name() + "' (" + target.kindLabel()
                + ") not found in namespace " + target.namespace());
    }

    private String discoverPlural(String apiVersion, String kind) {
        try {
            APIResourceList list = client.getApiResources(apiVersion);
            if (list != null && list.getResources() != null) {
                for (APIResource r : list.getResources()) {
                    if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
                        return r.getName();
                    }
                }
            }
        } catch (KubernetesClientException e) {
            // No discovery (e.g. a test server): the conventional plural below is right for nearly every kind.
        }
        return Pluralize.toPlural(kind.toLowerCase(Locale.ROOT));
    }
}
