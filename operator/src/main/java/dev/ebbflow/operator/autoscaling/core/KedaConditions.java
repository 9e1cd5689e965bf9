package dev.ebbflow.operator.autoscaling.core;

/**
 * The conditions KEDA's scale loop writes, with KEDA's exact types, reasons and messages, so that
 * dashboards and {@code kubectl describe} habits keep working. Ready belongs to the reconciler; the
 * scale loop only suggests the two Ready states KEDA derives from trigger errors.
 */
public final class KedaConditions {

    public static final String READY = "Ready";
    public static final String ACTIVE = "Active";
    public static final String FALLBACK = "Fallback";
    public static final String PAUSED = "Paused";

    private KedaConditions() {
    }

    /** The conditions of a ScaledObject KEDA has not reconciled yet: Unknown, but Paused False. */
    public static java.util.List<Condition> initial() {
        return java.util.List.of(
                new Condition(READY, Condition.Status.UNKNOWN, null, null),
                new Condition(ACTIVE, Condition.Status.UNKNOWN, null, null),
                new Condition(FALLBACK, Condition.Status.UNKNOWN, null, null),
                notPausedYet());
    }

    /** KEDA's first Paused condition of a ScaledObject that is not paused: False, not Unknown. */
    public static Condition notPausedYet() {
        return new Condition(PAUSED, Condition.Status.FALSE, null, null);
    }

    /** Ready=True as KEDA writes it once the ScaledObject checks out. */
    public static Condition ready() {
        return new Condition(READY, Condition.Status.TRUE, "ScaledObjectReady", "ScaledObject is defined correctly and is ready for scaling");
    }

    /** Ready=False for a ScaledObject that fails its checks; {@code message} should name the field. */
    public static Condition checkFailed(String message) {
        return new Condition(READY, Condition.Status.FALSE, "ScaledObjectCheckFailed", message);
    }

    public static Condition active() {
        return new Condition(ACTIVE, Condition.Status.TRUE, "ScalerActive", "Scaling is performed because triggers are active");
    }

    public static Condition notActive() {
        return new Condition(ACTIVE, Condition.Status.FALSE, "ScalerNotActive", "Scaling is not performed because triggers are not active");
    }

    public static Condition coolingDown() {
        return new Condition(ACTIVE, Condition.Status.FALSE, "ScalerCooldown", "Scaler cooling down because triggers are not active");
    }

    public static Condition fallbackExists() {
        return new Condition(FALLBACK, Condition.Status.TRUE, "FallbackExists", "At least one trigger is falling back on this scaled object");
    }

    public static Condition noFallback() {
        return new Condition(FALLBACK, Condition.Status.FALSE, "NoFallbackFound", "No fallbacks are active on this scaled object");
    }

    public static Condition paused() {
        return new Condition(PAUSED, Condition.Status.TRUE, "ScaledObjectPaused", "ScaledObject is paused");
    }

    public static Condition unpaused() {
        return new Condition(PAUSED, Condition.Status.FALSE, "ScaledObjectUnpaused", "pause annotation removed for ScaledObject");
    }

    public static Condition partialTriggerError() {
        return new Condition(READY, Condition.Status.UNKNOWN, "PartialTriggerError", "Some triggers defined in ScaledObject are not working correctly");
    }

    public static Condition triggerError() {
        return new Condition(READY, Condition.Status.FALSE, "TriggerError", "Triggers defined in ScaledObject are not working correctly");
    }
}
