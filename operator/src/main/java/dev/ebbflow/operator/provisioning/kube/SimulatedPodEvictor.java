package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;

/**
 * Eviction for an API server without the eviction subresource: decides as the API server would
 * ({@link PodDisruptionAllowance} over the pod's namespace) and deletes the pod when allowed.
 */
public final class SimulatedPodEvictor implements PodEvictor {

    private final KubernetesClient client;

    public SimulatedPodEvictor(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public synchronized Outcome evict(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        Pod current = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
        if (current == null || (pod.getMetadata().getUid() != null && !pod.getMetadata().getUid().equals(current.getMetadata().getUid()))) {
            return Outcome.GONE;
        }
        if (Pods.isTerminating(current)) {
            return Outcome.EVICTED;
        }
        List<PodDisruptionBudget> budgets = client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems();
        List<Pod> pods = budgets.isEmpty() ? List.of() : client.pods().inNamespace(namespace).list().getItems();
        if (PodDisruptionAllowance.plan(List.of(current), pods, budgets).evictable().isEmpty()) {
            return Outcome.BLOCKED;
        }
        try {
            client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            return Outcome.EVICTED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return Outcome.GONE;
            }
            throw e;
        }
    }
}
