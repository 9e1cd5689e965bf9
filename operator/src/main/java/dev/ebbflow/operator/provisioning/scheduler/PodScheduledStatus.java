package dev.ebbflow.operator.provisioning.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes a pod's {@code PodScheduled} condition on the status subresource, as kube-scheduler reports its decisions. */
public final class PodScheduledStatus {

    public static final String POD_SCHEDULED = "PodScheduled";
    public static final String UNSCHEDULABLE = "Unschedulable";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;
    private final Clock clock;

    public PodScheduledStatus(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public static PodCondition of(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> POD_SCHEDULED.equals(c.getType())).findFirst().orElse(null);
    }

    public void scheduled(Pod pod) {
        write(pod, new PodConditionBuilder().withType(POD_SCHEDULED).withStatus("True").withLastTransitionTime(clock.instant().toString()).build());
    }

    /** {@code PodScheduled=False, reason Unschedulable}; nothing is written when the pod already says so with the same message. */
    public void unschedulable(Pod pod, String message) {
        PodCondition current = of(pod);
        if (current != null && "False".equals(current.getStatus()) && UNSCHEDULABLE.equals(current.getReason()) && message.equals(current.getMessage())) {
            return;
        }
        write(pod, new PodConditionBuilder().withType(POD_SCHEDULED).withStatus("False").withReason(UNSCHEDULABLE)
                .withMessage(message).withLastTransitionTime(clock.instant().toString()).build());
    }

    /** Replaces the PodScheduled condition and keeps the others; the phase of a pod not started yet is Pending. */
    private void write(Pod pod, PodCondition scheduled) {
        List<PodCondition> conditions = new ArrayList<>();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        if (status.getConditions() != null) {
            status.getConditions().stream().filter(c -> !POD_SCHEDULED.equals(c.getType())).forEach(conditions::add);
        }
        conditions.add(scheduled);
        Map<String, Object> patch = Map.of("status", Map.of("phase", status.getPhase() == null ? "Pending" : status.getPhase(), "conditions", conditions));
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), SERIALIZATION.asJson(patch));
    }
}
