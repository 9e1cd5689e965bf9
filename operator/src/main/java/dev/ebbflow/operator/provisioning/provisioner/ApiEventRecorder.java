package dev.ebbflow.operator.provisioning.provisioner;

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
 * A small core/v1 Event writer with Karpenter's reporting component, so that
 * {@code kubectl get events --field-selector source=karpenter} finds provisioning's Events. The same
 * event repeated on the same object bumps one Event's count. Best effort: failures are logged only.
 * (The shared {@code KarpenterEvents} recorder replaces it once both live on one branch.)
 */
public final class ApiEventRecorder implements EventRecorder {

    public static final String COMPONENT = "karpenter";
    private static final String CLUSTER_SCOPED_NAMESPACE = "default";
    private static final Logger LOG = LoggerFactory.getLogger(ApiEventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public ApiEventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public void record(HasMetadata object, String type, String reason, String message) {
        String namespace = object.getMetadata().getNamespace() == null ? CLUSTER_SCOPED_NAMESPACE : object.getMetadata().getNamespace();
        String name = object.getMetadata().getName() + "." + digest(object, type, reason, message);
        String now = clock.instant().toString();
        try {
            Event existing = client.v1().events().inNamespace(namespace).withName(name).get();
            if (existing != null) {
                existing.setCount(existing.getCount() == null ? 2 : existing.getCount() + 1);
                existing.setLastTimestamp(now);
                client.v1().events().inNamespace(namespace).resource(existing).update();
                return;
            }
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
                            .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
                            .withUid(object.getMetadata().getUid()).build())
                    .withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {} {}: {}", reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
        }
    }

    private static String digest(HasMetadata object, String type, String reason, String message) {
        String identity = object.getKind() + "/" + object.getMetadata().getName() + "/" + object.getMetadata().getUid() + "/" + type + "/" + reason + "/" + message;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
