package dev.ebbflow.operator.autoscaling.auth;

import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import io.fabric8.kubernetes.api.Pluralize;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pod template of a scale target, whose containers' environment feeds {@code env} authentication
 * and {@code ...FromEnv} metadata. The target is read as a generic resource so that Deployments,
 * StatefulSets and custom resources with a {@code spec.template} all work.
 */
public final class ScaleTargetPodTemplate {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ScaleTargetPodTemplate() {
    }

    /**
     * Reads the target named by {@code ref} in {@code namespace}.
     *
     * @return its pod template, empty (no containers) when it has none; Optional.empty() when the target does not exist
     */
    public static Optional<PodTemplateSpec> fetch(KubernetesClient client, String namespace, ScaleTargetRef ref) {
        GenericKubernetesResource target = resources(client, ref).inNamespace(namespace).withName(ref.getName()).get();
        return Optional.ofNullable(target).map(ScaleTargetPodTemplate::templateOf);
    }

    /** {@code spec.template} of any object, or an empty template when it has none or it is not an object. */
    public static PodTemplateSpec templateOf(GenericKubernetesResource target) {
        Object spec = target.getAdditionalProperties().get("spec");
        Object template = spec instanceof Map<?, ?> m ? m.get("template") : null;
        if (!(template instanceof Map<?, ?>)) {
            return new PodTemplateSpec();
        }
        return SERIALIZATION.convertValue(template, PodTemplateSpec.class);
    }

    /**
     * fabric8 knows the built-in kinds and finds custom resources through discovery; where discovery is
     * unavailable the plural is derived from the kind, as Kubernetes' own convention does.
     */
    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resources(KubernetesClient client, ScaleTargetRef ref) {
        String apiVersion = ref.getApiVersion() == null ? "apps/v1" : ref.getApiVersion();
        String kind = ref.getKind() == null ? "Deployment" : ref.getKind();
        try {
            return client.genericKubernetesResources(apiVersion, kind);
        } catch (KubernetesClientException e) {
            int slash = apiVersion.indexOf('/');
            return client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                    .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                    .withVersion(apiVersion.substring(slash + 1))
                    .withKind(kind)
                    .withPlural(Pluralize.toPlural(kind.toLowerCase(Locale.ROOT)))
                    .withNamespaced(true)
                    .build());
        }
    }
}
