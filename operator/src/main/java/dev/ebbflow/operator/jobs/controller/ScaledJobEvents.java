package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.kube.KubeEvents;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/** Kubernetes Events about a ScaledJob, with KEDA's reasons. Messages must already be free of credentials. */
public final class ScaledJobEvents {

    public static final String CHECK_FAILED = "ScaledJobCheckFailed";
    public static final String READY = "ScaledJobReady";
    public static final String JOBS_CREATED = "KEDAJobsCreated";
    public static final String SCALER_FAILED = "KEDAScalerFailed";


    /** KEDA's reporting component, so {@code --field-selector source=keda-operator} keeps working. */
    private static final String KEDA_COMPONENT = "keda-operator";

    private final KubeEvents events;

    public ScaledJobEvents(KubernetesClient client, Clock clock) {
        this.events = new KubeEvents(client, clock, KEDA_COMPONENT, null);
    }

    public void normal(ScaledJob scaledJob, String reason, String message) {
        events.normal(scaledJob, reason, message);
    }

    public void warning(ScaledJob scaledJob, String reason, String message) {
        events.warning(scaledJob, reason, message);
    }
}
