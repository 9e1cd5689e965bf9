package dev.ebbflow.operator.provisioning.kube;

import dev.ebbflow.operator.kube.KubeEvents;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Events as Karpenter writes them: reporting component {@code karpenter}, so
 * {@code kubectl get events -A --field-selector source=karpenter} finds what provisioning and
 * disruption did.
 */
public final class KarpenterEvents {

    public static final String COMPONENT = "karpenter";
    public static final String NORMAL = KubeEvents.NORMAL;
    public static final String WARNING = KubeEvents.WARNING;

    private final KubeEvents events;

    /** @param instance the reporting instance, e.g. the pod name of this operator */
    public KarpenterEvents(KubernetesClient client, Clock clock, String instance) {
        this.events = new KubeEvents(client, clock, COMPONENT, instance);
    }

    public void normal(HasMetadata object, String reason, String message) {
        events.normal(object, reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        events.warning(object, reason, message);
    }

    public void record(HasMetadata object, String type, String reason, String message) {
        events.record(object, type, reason, message);
    }
}
