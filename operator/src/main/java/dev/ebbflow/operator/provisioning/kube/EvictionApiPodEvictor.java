package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * POSTs a {@code policy/v1} Eviction to {@code pods/<name>/eviction}. The API server answers 429 when
 * a PodDisruptionBudget forbids the eviction now (and 500 when several budgets match the pod, which
 * no retry fixes soon either): both mean "blocked, retry later".
 */
public final class EvictionApiPodEvictor implements PodEvictor {

    private final KubernetesClient client;

    public EvictionApiPodEvictor(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Outcome evict(Pod pod) {
        Eviction eviction = new EvictionBuilder().withApiVersion("policy/v1")
                .withNewMetadata().withName(pod.getMetadata().getName()).withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                .withDeleteOptions(new DeleteOptionsBuilder().withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions().build())
                .build();
        try {
            boolean accepted = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).evict(eviction);
            return accepted ? Outcome.EVICTED : Outcome.BLOCKED;
        } catch (KubernetesClientException e) {
            return switch (e.getCode()) {
                case HttpURLConnection.HTTP_NOT_FOUND, HttpURLConnection.HTTP_CONFLICT -> Outcome.GONE;
                case 429, HttpURLConnection.HTTP_INTERNAL_ERROR -> Outcome.BLOCKED;
                default -> throw e;
            };
        }
    }
}
