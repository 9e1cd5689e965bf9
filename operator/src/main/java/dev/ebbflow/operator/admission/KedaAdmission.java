package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.operator.autoscaling.auth.ClientClusterState;
import dev.ebbflow.operator.autoscaling.auth.ScaleTargetPodTemplate;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.AuthenticatedTriggerParameters;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The validating webhook's decision for KEDA's four kinds, by the kind the API server names. Only
 * CREATE and UPDATE are judged, on the object as it would be stored.
 */
public final class KedaAdmission implements Function<AdmissionReview, Verdict> {

    private final KubernetesSerialization serialization;
    private final ScaledObjectAdmission scaledObjects;
    private final ScaledJobAdmission scaledJobs;

    public KedaAdmission(KubernetesSerialization serialization, ScaledObjectAdmission scaledObjects, ScaledJobAdmission scaledJobs) {
        this.serialization = serialization;
        this.scaledObjects = scaledObjects;
        this.scaledJobs = scaledJobs;
    }

    /** Reading through {@code client}: Secrets and TriggerAuthentications as resolution reads them; autoscalers and targets per request. */
    public static KedaAdmission through(KubernetesClient client, ScalerRegistry registry, String operatorNamespace) {
        TriggerAuthResolver auth = new TriggerAuthResolver(new ClientClusterState(client), operatorNamespace);
        ScaledObjectAdmission.Cluster cluster = new ScaledObjectAdmission.Cluster() {
            @Override
            public List<ScaledObject> scaledObjects(String namespace) {
                return client.resources(ScaledObject.class).inNamespace(namespace).list().getItems();
            }

            @Override
            public List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace) {
                return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).list().getItems();
            }

            @Override
            public Optional<PodTemplateSpec> podTemplate(String namespace, ScaleTargetRef target) {
                return ScaleTargetPodTemplate.fetch(client, namespace, target);
            }
        };
        return new KedaAdmission(client.getKubernetesSerialization(),
                new ScaledObjectAdmission(registry, new AuthenticatedTriggerParameters(client, auth), cluster),
                new ScaledJobAdmission(registry, auth));
    }

    @Override
    public Verdict apply(AdmissionReview review) {
        if (review.object() == null || !(review.operation().equals("CREATE") || review.operation().equals("UPDATE"))) {
            return Verdict.allow();
        }
        return switch (review.kind()) {
            case "ScaledObject" -> scaledObjects.review(read(review, ScaledObject.class));
            case "ScaledJob" -> scaledJobs.review(read(review, ScaledJob.class));
            case "TriggerAuthentication" -> TriggerAuthenticationAdmission.review(read(review, TriggerAuthentication.class).getSpec());
            case "ClusterTriggerAuthentication" -> TriggerAuthenticationAdmission.review(read(review, ClusterTriggerAuthentication.class).getSpec());
            default -> Verdict.allow();
        };
    }

    private <T> T read(AdmissionReview review, Class<T> type) {
        return serialization.unmarshal(review.object().encode(), type);
    }
}
