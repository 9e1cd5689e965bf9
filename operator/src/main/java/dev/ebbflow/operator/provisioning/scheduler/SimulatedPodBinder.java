package dev.ebbflow.operator.provisioning.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;

/**
 * Binds by writing {@code spec.nodeName} with an update (resourceVersion-checked, so a pod changed
 * meanwhile is not bound on stale data) and reports {@code PodScheduled} itself. For the mock API
 * server, which has no Binding subresource; a real API server refuses this change of an existing
 * pod, where {@link BindingPodBinder} is the way.
 */
public final class SimulatedPodBinder implements PodBinder {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;
    private final PodScheduledStatus status;

    public SimulatedPodBinder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.status = new PodScheduledStatus(client, clock);
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        Pod copy = SERIALIZATION.clone(pod);
        copy.getSpec().setNodeName(nodeName);
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(copy).update();
        status.scheduled(pod);
    }

    @Override
    public void markUnschedulable(Pod pod, String message) {
        status.unschedulable(pod, message);
    }
}
