package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events on a ScaledObject with KEDA's reasons, so {@code kubectl describe so} reads as with KEDA. */
public final class ScaledObjectEvents {

    public static final String READY = "ScaledObjectReady";
    public static final String CHECK_FAILED = "ScaledObjectCheckFailed";
    public static final String SCALERS_STARTED = "KEDAScalersStarted";
    public static final String SCALER_FAILED = "KEDAScalerFailed";
    public static final String ACTIVATED = "KEDAScaleTargetActivated";
    public static final String DEACTIVATED = "KEDAScaleTargetDeactivated";
    public static final String ACTIVATION_FAILED = "KEDAScaleTargetActivationFailed";
    public static final String DEACTIVATION_FAILED = "KEDAScaleTargetDeactivationFailed";
    public static final String DELETED = "ScaledObjectDeleted";

    private static final Logger LOG = LoggerFactory.getLogger(ScaledObjectEvents.class);
    private static final String COMPONENT = "keda-operator";

    private final KubernetesClient client;
    private final Clock clock;

    public ScaledObjectEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(ScaledObject so, String reason, String message) {
        emit(so, "Normal", reason, message);
    }

    public void warning(ScaledObject so, String reason, String message) {
        emit(so, "Warning", reason, message);
    }

    private void emit(ScaledObject so, String type, String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(so.getMetadata().getName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE))
                    .withNamespace(so.getMetadata().getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(so.getApiVersion()).withKind(so.getKind())
                        .withName(so.getMetadata().getName()).withNamespace(so.getMetadata().getNamespace())
                        .withUid(so.getMetadata().getUid()).withResourceVersion(so.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build();
        try {
            client.v1().events().inNamespace(so.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An Event is best effort: losing one must not fail the reconcile that reported it.
            LOG.warn("could not record Event {} on ScaledObject {}/{}: {}", reason, so.getMetadata().getNamespace(),
                    so.getMetadata().getName(), e.getMessage());
        }
    }
}
