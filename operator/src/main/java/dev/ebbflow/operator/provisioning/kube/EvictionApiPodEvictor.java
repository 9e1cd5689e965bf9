package dev.ebbflow.operator.provisioning.kube;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * POSTs a {@code policy/v1} Eviction to {@code pods/<name>/eviction}. The API server answers 429 when
 * a PodDisruptionBudget forbids the eviction now (and 500 when several budgets match the pod, which
 * no retry fixes soon either): both mean "blocked, retry later". The drain asks again on its next
 * pass, so evictions go through a client of the same configuration without the HTTP client's own
 * retries, which would hold a reconcile thread for seconds on every blocked pod. In a namespace
 * being deleted the API server refuses every eviction (403, cause {@code NamespaceTerminating}); the
 * namespace controller deletes the pod anyway, so that counts as evicted rather than failing the drain.
 */
public final class EvictionApiPodEvictor implements PodEvictor, AutoCloseable {

    static final String NAMESPACE_TERMINATING = "NamespaceTerminating";

    private final KubernetesClient client;

    public EvictionApiPodEvictor(KubernetesClient client) {
        this.client = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build())
                .build();
    }

    @Override
    public void close() {
        client.close();
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
            if (namespaceTerminating(e)) {
                return Outcome.EVICTED;
            }
            return switch (e.getCode()) {
                case HttpURLConnection.HTTP_NOT_FOUND, HttpURLConnection.HTTP_CONFLICT -> Outcome.GONE;
                case 429, HttpURLConnection.HTTP_INTERNAL_ERROR -> Outcome.BLOCKED;
                default -> throw e;
            };
        }
    }

    private static boolean namespaceTerminating(KubernetesClientException e) {
        return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN && e.getStatus() != null && e.getStatus().getDetails() != null
                && e.getStatus().getDetails().getCauses() != null
                && e.getStatus().getDetails().getCauses().stream().anyMatch(c -> NAMESPACE_TERMINATING.equals(c.getReason()));
    }
}
