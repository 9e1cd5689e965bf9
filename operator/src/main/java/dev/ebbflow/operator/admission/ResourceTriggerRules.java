package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KEDA's admission rules for the {@code cpu} and {@code memory} triggers, which the HPA serves from the
 * pods' resource usage: the workload's containers must request that resource, and a ScaledObject whose
 * triggers are all of that kind cannot scale to zero (with no pod there is nothing to measure). Both
 * apply to Deployments and StatefulSets only, as in KEDA. Pure.
 */
public final class ResourceTriggerRules {

    static final Set<String> RESOURCE_TRIGGERS = Set.of("cpu", "memory");
    private static final Set<String> CHECKED_KINDS = Set.of("Deployment", "StatefulSet");

    private ResourceTriggerRules() {
    }

    /**
     * @param template the scale target's pod template; null when the target does not exist (yet), which
     *     leaves the requests unchecked
     */
    public static List<String> violations(ScaledObject so, PodTemplateSpec template) {
        if (so.getSpec() == null || so.getSpec().getTriggers() == null || !checkedKind(so.getSpec().getScaleTargetRef())) {
            return List.of();
        }
        List<ScaleTrigger> triggers = so.getSpec().getTriggers();
        List<String> violations = new ArrayList<>();
        boolean onlyResources = !triggers.isEmpty();
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger t = triggers.get(i);
            if (t == null || !RESOURCE_TRIGGERS.contains(t.getType())) {
                onlyResources = false;
                continue;
            }
            if (template != null) {
                missingRequest(i, t, template).ifPresent(violations::add);
            }
        }
        Integer min = so.getSpec().getMinReplicaCount();
        if (onlyResources && (min == null || min == 0)) {
            violations.add("spec.minReplicaCount: must be at least 1 when every trigger is cpu or memory: with no pod running there is"
                    + " nothing to measure");
        }
        return violations;
    }

    private static java.util.Optional<String> missingRequest(int index, ScaleTrigger trigger, PodTemplateSpec template) {
        String resource = trigger.getType();
        Map<String, String> metadata = trigger.getMetadata() == null ? Map.of() : trigger.getMetadata();
        String only = metadata.get("containerName");
        List<Container> containers = template.getSpec() == null || template.getSpec().getContainers() == null
                ? List.of() : template.getSpec().getContainers();
        for (Container c : containers) {
            if (only != null && !only.isBlank() && !only.equals(c.getName())) {
                continue;
            }
            boolean requested = c.getResources() != null && c.getResources().getRequests() != null
                    && c.getResources().getRequests().containsKey(resource);
            if (!requested) {
                return java.util.Optional.of("spec.triggers[" + index + "]: the " + resource + " trigger needs resources.requests." + resource
                        + " on container '" + c.getName() + "' of the scale target");
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean checkedKind(ScaleTargetRef ref) {
        String kind = ref == null || ref.getKind() == null || ref.getKind().isBlank() ? "Deployment" : ref.getKind();
        String apiVersion = ref == null || ref.getApiVersion() == null || ref.getApiVersion().isBlank() ? "apps/v1" : ref.getApiVersion();
        return apiVersion.startsWith("apps/") && CHECKED_KINDS.contains(kind);
    }
}
