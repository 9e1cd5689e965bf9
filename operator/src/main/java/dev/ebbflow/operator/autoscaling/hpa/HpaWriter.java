package dev.ebbflow.operator.autoscaling.hpa;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates, updates (with the resourceVersion it read) and deletes generated HPAs, writing only when something differs. */
public final class HpaWriter {

    private static final Logger LOG = LoggerFactory.getLogger(HpaWriter.class);

    private final KubernetesClient client;

    public HpaWriter(KubernetesClient client) {
        this.client = client;
    }

    public HorizontalPodAutoscaler current(String namespace, String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name).get();
    }

    /**
     * Makes the HPA look like {@code desired}.
     *
     * @param existing what the caller knows of it (an informer cache, or a fresh read); null when absent
     * @return whether anything was written
     */
    public boolean apply(HorizontalPodAutoscaler desired, HorizontalPodAutoscaler existing) {
        if (GeneratedHpa.upToDate(existing, desired)) {
            return false;
        }
        if (existing == null) {
            try {
                client.resource(desired).create();
                LOG.debug("created HPA {}/{}", desired.getMetadata().getNamespace(), desired.getMetadata().getName());
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                // Created meanwhile (or the cache lagged): update the one that exists.
                existing = current(desired.getMetadata().getNamespace(), desired.getMetadata().getName());
                if (existing == null || GeneratedHpa.upToDate(existing, desired)) {
                    return false;
                }
            }
        }
        HorizontalPodAutoscaler update = new HorizontalPodAutoscalerBuilder(desired)
                .editMetadata()
                    .withResourceVersion(existing.getMetadata().getResourceVersion())
                    .addToLabels(merged(existing, desired))
                .endMetadata()
                .build();
        client.resource(update).update();
        LOG.debug("updated HPA {}/{}", desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        return true;
    }

    /** Labels others put on the HPA are kept; ours win. */
    private static java.util.Map<String, String> merged(HorizontalPodAutoscaler existing, HorizontalPodAutoscaler desired) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        if (existing.getMetadata().getLabels() != null) {
            labels.putAll(existing.getMetadata().getLabels());
        }
        labels.putAll(desired.getMetadata().getLabels());
        return labels;
    }

    /** Deletes the HPA if it exists; returns whether it did. */
    public boolean delete(String namespace, String name) {
        return !client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name).delete().isEmpty();
    }
}
