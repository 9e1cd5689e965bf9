package dev.ebbflow.operator.provisioning.provisioner;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
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
 * event repeated on the same object lands on one Event (a deterministic name), whose lastTimestamp is
 * moved with a merge patch: only {@code create} and {@code patch} on events, which is what the chart
 * grants. Best effort: failures are logged only.
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
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                repeat(namespace, name, now, reason, object);
                return;
            }
            LOG.warn("could not record event {} on {} {}: {}", reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
        }
    }

    private void repeat(String namespace, String name, String now, String reason, HasMetadata object) {
        try {
            client.v1().events().inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"lastTimestamp\":\"" + now + "\"}");
        } catch (KubernetesClientException e) {
            LOG.warn("could not record event {} on {} {} again: {}", reason, object.getKind(), object.getMetadata().getName(), e.getMessage());
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
