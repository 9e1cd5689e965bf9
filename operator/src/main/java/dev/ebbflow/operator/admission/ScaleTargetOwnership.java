package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * KEDA's rule that one workload is scaled by one autoscaler: a ScaledObject is refused when another
 * ScaledObject in its namespace already targets its workload, or an HPA that no ScaledObject generated
 * does. Pure: the caller lists the namespace's ScaledObjects and HPAs.
 */
public final class ScaleTargetOwnership {

    /** KEDA's opt-out of the HPA check, for a user who knows better. */
    static final String HPA_OWNERSHIP_VALIDATION = "validations.keda.sh/hpa-ownership";
    /** KEDA's annotation letting a ScaledObject take over the HPA named in its horizontalPodAutoscalerConfig. */
    static final String TRANSFER_HPA_OWNERSHIP = "scaledobject.keda.sh/transfer-hpa-ownership";

    private ScaleTargetOwnership() {
    }

    /** Why {@code so} may not scale its target, in KEDA's words; empty when nothing else scales it. */
    public static List<String> conflicts(ScaledObject so, String hpaName, List<ScaledObject> scaledObjects, List<HorizontalPodAutoscaler> hpas) {
        ScaleTargetRef target = so.getSpec() == null ? null : so.getSpec().getScaleTargetRef();
        if (target == null || target.getName() == null) {
            return List.of();
        }
        Target wanted = new Target(group(target.getApiVersion()), orDefault(target.getKind(), "Deployment"), target.getName());
        List<String> conflicts = new ArrayList<>();
        for (ScaledObject other : scaledObjects) {
            ScaleTargetRef ref = other.getSpec() == null ? null : other.getSpec().getScaleTargetRef();
            if (other.getMetadata().getName().equals(so.getMetadata().getName()) || ref == null
                    || !wanted.equals(new Target(group(ref.getApiVersion()), orDefault(ref.getKind(), "Deployment"), ref.getName()))) {
                continue;
            }
            conflicts.add("the workload '" + wanted.name + "' of type '" + wanted.describe() + "' is already managed by the ScaledObject '"
                    + other.getMetadata().getName() + "'");
        }
        Map<String, String> annotations = so.getMetadata().getAnnotations() == null ? Map.of() : so.getMetadata().getAnnotations();
        if ("false".equals(annotations.get(HPA_OWNERSHIP_VALIDATION))) {
            return conflicts;
        }
        boolean transfer = "true".equals(annotations.get(TRANSFER_HPA_OWNERSHIP));
        for (HorizontalPodAutoscaler hpa : hpas) {
            CrossVersionObjectReference ref = hpa.getSpec() == null ? null : hpa.getSpec().getScaleTargetRef();
            if (ref == null || generatedByScaledObject(hpa) || (transfer && hpa.getMetadata().getName().equals(hpaName))
                    || !wanted.equals(new Target(group(ref.getApiVersion()), orDefault(ref.getKind(), ""), ref.getName()))) {
                continue;
            }
            conflicts.add("the workload '" + wanted.name + "' of type '" + wanted.describe() + "' is already managed by the hpa '"
                    + hpa.getMetadata().getName() + "'");
        }
        return conflicts;
    }

    /** An HPA a ScaledObject generated: the ScaledObject rule covers it, and its own is not a conflict. */
    private static boolean generatedByScaledObject(HorizontalPodAutoscaler hpa) {
        List<OwnerReference> owners = hpa.getMetadata().getOwnerReferences();
        return owners != null && owners.stream()
                .anyMatch(o -> "ScaledObject".equals(o.getKind()) && o.getApiVersion() != null && o.getApiVersion().startsWith("keda.sh/"));
    }

    private record Target(String group, String kind, String name) {
        String describe() {
            return (group.isEmpty() ? "" : group + "/") + kind;
        }
    }

    /** The API group of an apiVersion ({@code apps/v1} → {@code apps}, {@code v1} → core); unset means KEDA's default, apps/v1. */
    private static String group(String apiVersion) {
        String v = orDefault(apiVersion, "apps/v1");
        int slash = v.indexOf('/');
        return slash < 0 ? "" : v.substring(0, slash);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
