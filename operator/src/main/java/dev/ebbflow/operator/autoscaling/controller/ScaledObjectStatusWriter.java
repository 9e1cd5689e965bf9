package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Consumer;

/**
 * Writes a ScaledObject's status only when it changed, with the resourceVersion it was computed
 * from. The reconciler and the scale loop both write status: a conflict re-reads the object and
 * applies the same change again, so neither overwrites the other's fields.
 */
public final class ScaledObjectStatusWriter {

    private static final int ATTEMPTS = 4;

    private final KubernetesClient client;

    public ScaledObjectStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies {@code change} to a copy of the status of {@code current} and writes it if it differs.
     *
     * @return the status as written, or null when nothing changed (or the object is gone)
     */
    public ScaledObjectStatus update(ScaledObject current, Consumer<ScaledObjectStatus> change) {
        ScaledObject base = current;
        for (int attempt = 1; ; attempt++) {
            ScaledObject copy = client.getKubernetesSerialization().clone(base);
            ScaledObjectStatus before = base.getStatus() == null ? new ScaledObjectStatus() : base.getStatus();
            if (copy.getStatus() == null) {
                copy.setStatus(new ScaledObjectStatus());
            }
            change.accept(copy.getStatus());
            if (copy.getStatus().equals(before)) {
                return null;
            }
            try {
                client.resource(copy).updateStatus();
                return copy.getStatus();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    throw e;
                }
                base = client.resources(ScaledObject.class).inNamespace(current.getMetadata().getNamespace())
                        .withName(current.getMetadata().getName()).get();
                if (base == null) {
                    return null;
                }
            }
        }
    }
}
