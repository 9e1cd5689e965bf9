package dev.ebbflow.operator.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events for one reporting component ({@code keda-operator}, {@code karpenter}), as
 * {@code source.component} and {@code reportingComponent}, so that
 * {@code kubectl get events -A --field-selector source=<component>} finds them as users expect.
 * A repeat of the same reason and message on the same object bumps the count of one Event instead of
 * adding another, as the Kubernetes event recorder does. Events are best effort: a failure to write
 * one is logged, never thrown into the controller that reported it.
 */
public final class KubeEvents {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";
    /** Where the API server keeps the Events of cluster-scoped objects (Nodes, NodeClaims, NodePools). */
    public static final String CLUSTER_SCOPED_NAMESPACE = "default";

    private static final Logger LOG = LoggerFactory.getLogger(KubeEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String component;
    private final String instance;

    /**
     * @param component the reporting component users filter on
     * @param instance the reporting instance, e.g. the pod name of this operator
     */
    public KubeEvents(KubernetesClient client, Clock clock, String component, String instance) {
        this.client = client;
        this.clock = clock;
        this.component = component;
        this.instance = instance;
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, NORMAL, reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, WARNING, reason, message);
    }

    public void record(HasMetadata object, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace() == null ? CLUSTER_SCOPED_NAMESPACE : object.getMetadata().getNamespace();
        String name = eventName(object, type, reason, message);
        String now = clock.instant().toString();
        try {
            // Most Events are new: create first and read only when one with this name exists, one request instead of two.
            try {
                client.v1().events().inNamespace(namespace).resource(event(object, namespace, name, type, reason, message, now)).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
            Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
            if (existing != null) {
                existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                existing.setLastTimestamp(now);
                client.v1().events().inNamespace(namespace).resource(existing).update();
            }
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {} {}: {}", reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
        }
    }

    private Event event(HasMetadata object, String namespace, String name, String type, String reason, String message, String now) {
        return new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                        .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                        .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion())
                        .build())
                .withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component).withReportingInstance(instance)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
    }

    /** One name per object, type, reason and message, so that repeats land on the same Event. */
    public static String eventName(HasMetadata object, String type, String reason, String message) {
        String identity = object.getKind() + "/" + object.getMetadata().getName() + "/" + object.getMetadata().getUid()
                + "/" + type + "/" + reason + "/" + message;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return object.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
