package dev.ebbflow.operator.autoscaling.core;

/**
 * The pause annotations of a ScaledObject, parsed (see {@link PauseAnnotations}).
 *
 * @param paused autoscaling is stopped ({@code autoscaling.keda.sh/paused} or {@code paused-replicas})
 * @param pausedReplicas the count {@code paused-replicas} pins the target to, or null to freeze it as is
 * @param scaleInPaused {@code autoscaling.keda.sh/paused-scale-in: "true"}
 * @param scaleOutPaused {@code autoscaling.keda.sh/paused-scale-out: "true"}
 * @param forceActivation {@code autoscaling.keda.sh/force-activation: "true"}: active whatever the triggers say
 */
public record PauseState(boolean paused, Integer pausedReplicas, boolean scaleInPaused, boolean scaleOutPaused, boolean forceActivation) {

    public static final PauseState NONE = new PauseState(false, null, false, false, false);

    public PauseState(boolean paused, Integer pausedReplicas, boolean scaleInPaused, boolean scaleOutPaused) {
        this(paused, pausedReplicas, scaleInPaused, scaleOutPaused, false);
    }
}
