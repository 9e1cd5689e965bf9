package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.operator.kube.KubeEvents;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

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

    /** KEDA's reporting component, so {@code --field-selector source=keda-operator} keeps working. */
    private static final String KEDA_COMPONENT = "keda-operator";

    private final KubeEvents events;

    public ScaledObjectEvents(KubernetesClient client, Clock clock) {
        this.events = new KubeEvents(client, clock, KEDA_COMPONENT, null);
    }

    public void normal(ScaledObject so, String reason, String message) {
        events.normal(so, reason, message);
    }

    public void warning(ScaledObject so, String reason, String message) {
        events.warning(so, reason, message);
    }
}
