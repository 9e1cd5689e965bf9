package dev.ebbflow.operator.provisioning.scheduler;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * Binds as kube-scheduler does on a real API server: a {@code Binding} posted for the pod, after which
 * the API server sets {@code spec.nodeName} and {@code PodScheduled=True} itself.
 */
public final class BindingPodBinder implements PodBinder {

    private final KubernetesClient client;
    private final PodScheduledStatus status;

    public BindingPodBinder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.status = new PodScheduledStatus(client, clock);
    }

    @Override
    public void bind(Pod pod, String nodeName) {
        String namespace = pod.getMetadata().getNamespace();
        client.bindings().inNamespace(namespace).resource(new BindingBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(namespace).withUid(pod.getMetadata().getUid()).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(nodeName).endTarget()
                .build()).create();
    }

    @Override
    public void markUnschedulable(Pod pod, String message) {
        status.unschedulable(pod, message);
    }
}
