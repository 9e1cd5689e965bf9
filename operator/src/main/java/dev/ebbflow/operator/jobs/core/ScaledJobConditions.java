package dev.ebbflow.operator.jobs.core;

import dev.ebbflow.operator.autoscaling.core.Condition;
import dev.ebbflow.operator.autoscaling.core.KedaConditions;

/**
 * The conditions KEDA writes on a ScaledJob (Ready, Active, Paused), with its reasons and messages.
 * The types are shared with ScaledObjects ({@link KedaConditions}); the ScaledJob wording is not.
 */
public final class ScaledJobConditions {

    private ScaledJobConditions() {
    }

    public static Condition ready() {
        return new Condition(KedaConditions.READY, Condition.Status.TRUE, "ScaledJobReady", "ScaledJob is defined correctly and is ready to scaling");
    }

    /** Ready=False for a ScaledJob that fails its checks; {@code message} names the field(s). */
    public static Condition checkFailed(String message) {
        return new Condition(KedaConditions.READY, Condition.Status.FALSE, "ScaledJobCheckFailed", message);
    }

    /** Ready=False while no trigger can be read; {@code message} is free of credentials (Scaler SPI). */
    public static Condition triggerError(String message) {
        return new Condition(KedaConditions.READY, Condition.Status.FALSE, "TriggerError", message);
    }

    public static Condition active() {
        return new Condition(KedaConditions.ACTIVE, Condition.Status.TRUE, "ScalerActive", "Scaling is performed because triggers are active");
    }

    public static Condition notActive() {
        return new Condition(KedaConditions.ACTIVE, Condition.Status.FALSE, "ScalerNotActive", "Scaling is not performed because triggers are not active");
    }

    public static Condition paused() {
        return new Condition(KedaConditions.PAUSED, Condition.Status.TRUE, "ScaledJobPaused", "ScaledJob is paused");
    }

    public static Condition unpaused() {
        return new Condition(KedaConditions.PAUSED, Condition.Status.FALSE, "ScaledJobUnpaused", "pause annotation removed for ScaledJob");
    }
}
