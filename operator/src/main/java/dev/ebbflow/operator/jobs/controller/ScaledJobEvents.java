package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kubernetes Events about a ScaledJob, with KEDA's reasons. Messages must already be free of credentials. */
public final class ScaledJobEvents {

    public static final String CHECK_FAILED = "ScaledJobCheckFailed";
    public static final String READY = "ScaledJobReady";
    public static final String JOBS_CREATED = "KEDAJobsCreated";
    public static final String SCALER_FAILED = "KEDAScalerFailed";

    private static final Logger LOG = LoggerFactory.getLogger(ScaledJobEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    public ScaledJobEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(ScaledJob scaledJob, String reason, String message) {
        emit(scaledJob, "Normal", reason, message);
    }

    public void warning(ScaledJob scaledJob, String reason, String message) {
        emit(scaledJob, "Warning", reason, message);
    }

    private void emit(ScaledJob scaledJob, String type, String reason, String message) {
        String now = clock.instant().toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                    .withName(scaledJob.getMetadata().getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16))
                    .withNamespace(scaledJob.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(scaledJob.getApiVersion())
                    .withKind(scaledJob.getKind())
                    .withName(scaledJob.getMetadata().getName())
                    .withNamespace(scaledJob.getMetadata().getNamespace())
                    .withUid(scaledJob.getMetadata().getUid())
                    .withResourceVersion(scaledJob.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent("ebbflow").endSource()
                .build();
        try {
            client.v1().events().inNamespace(scaledJob.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An Event is a courtesy: failing to write one must not fail the reconcile.
            LOG.warn("could not record Event {} for ScaledJob {}/{}: {}", reason, scaledJob.getMetadata().getNamespace(),
                    scaledJob.getMetadata().getName(), e.getMessage());
        }
    }
}
