package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.autoscaling.controller.AuthenticatedTriggerParameters;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The validating webhook's decision for KEDA's four kinds, by the kind the API server names. Only
 * CREATE and UPDATE are judged, on the object as it would be stored.
 */
public final class KedaAdmission implements Function<AdmissionReview, Verdict> {

    private final KubernetesSerialization serialization;
    private final ScaledObjectAdmission scaledObjects;
    private final ScaledJobAdmission scaledJobs;
    private final Consumer<ScaledObject> admitted;

    public KedaAdmission(KubernetesSerialization serialization, ScaledObjectAdmission scaledObjects, ScaledJobAdmission scaledJobs) {
        this(serialization, scaledObjects, scaledJobs, so -> { });
    }

    private KedaAdmission(KubernetesSerialization serialization, ScaledObjectAdmission scaledObjects, ScaledJobAdmission scaledJobs,
            Consumer<ScaledObject> admitted) {
        this.serialization = serialization;
        this.scaledObjects = scaledObjects;
        this.scaledJobs = scaledJobs;
        this.admitted = admitted;
    }

    /**
     * Reading from {@code caches}: no API request per admission for the autoscalers of a namespace or the
     * TriggerAuthentications a trigger names (Secrets and scale targets are still read when a trigger needs them).
     */
    public static KedaAdmission cached(KubernetesClient client, ScalerRegistry registry, String operatorNamespace, AdmissionCaches caches) {
        TriggerAuthResolver auth = new TriggerAuthResolver(caches.clusterState(), operatorNamespace);
        return new KedaAdmission(client.getKubernetesSerialization(),
                new ScaledObjectAdmission(registry, new AuthenticatedTriggerParameters(caches::podTemplate, auth), caches),
                new ScaledJobAdmission(registry, auth), caches::admitted);
    }

    @Override
    public Verdict apply(AdmissionReview review) {
        if (review.object() == null || !(review.operation().equals("CREATE") || review.operation().equals("UPDATE"))) {
            return Verdict.allow();
        }
        return switch (review.kind()) {
            case "ScaledObject" -> admit(review, read(review, ScaledObject.class));
            case "ScaledJob" -> scaledJobs.review(read(review, ScaledJob.class));
            case "TriggerAuthentication" -> TriggerAuthenticationAdmission.review(read(review, TriggerAuthentication.class).getSpec());
            case "ClusterTriggerAuthentication" -> TriggerAuthenticationAdmission.review(read(review, ClusterTriggerAuthentication.class).getSpec());
            default -> Verdict.allow();
        };
    }

    private Verdict admit(AdmissionReview review, ScaledObject so) {
        Verdict verdict = scaledObjects.review(so);
        if (verdict.allowed() && !review.dryRun()) {
            admitted.accept(so);
        }
        return verdict;
    }

    private <T> T read(AdmissionReview review, Class<T> type) {
        return serialization.unmarshal(review.object().encode(), type);
    }
}
