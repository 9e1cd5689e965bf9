package dev.ebbflow.crds.keda;

/** Names fixed by KEDA's API: group, version and the annotations users put on a ScaledObject or ScaledJob. */
public final class KedaApi {

    public static final String GROUP = "keda.sh";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;

    /** "true" pauses autoscaling at the current replica count. */
    public static final String PAUSED_ANNOTATION = "autoscaling.keda.sh/paused";
    /** Pauses autoscaling and scales the target to this many replicas. */
    public static final String PAUSED_REPLICAS_ANNOTATION = "autoscaling.keda.sh/paused-replicas";
    /** "true" keeps the replica count from going down. */
    public static final String PAUSED_SCALE_IN_ANNOTATION = "autoscaling.keda.sh/paused-scale-in";
    /** "true" keeps the replica count from going up. */
    public static final String PAUSED_SCALE_OUT_ANNOTATION = "autoscaling.keda.sh/paused-scale-out";
    /** "true" lets the ScaledObject take over an existing HPA of the target. */
    public static final String TRANSFER_HPA_OWNERSHIP_ANNOTATION = "scaledobject.keda.sh/transfer-hpa-ownership";
    /** "false" turns off the check that no other HPA scales the same target. */
    public static final String HPA_OWNERSHIP_VALIDATION_ANNOTATION = "validations.keda.sh/hpa-ownership";

    private KedaApi() {
    }
}
