package dev.ebbflow.operator.autoscaling.core;

import dev.ebbflow.scalers.ScalerReading;

/**
 * What one poll of one trigger gave: a reading (value, active) or an error message. The message must
 * already be free of credentials (the Scaler SPI guarantees it).
 */
public record TriggerOutcome(double value, boolean active, String error) {

    public static TriggerOutcome reading(double value, boolean active) {
        return new TriggerOutcome(value, active, null);
    }

    public static TriggerOutcome of(ScalerReading reading) {
        return reading(reading.value(), reading.active());
    }

    /**
     * The outcome of a cpu or memory trigger, which is never polled: the HPA reads the pods' usage itself.
     * Neither active nor failed; its value is nothing anyone reads.
     */
    public static TriggerOutcome notPolled() {
        return NOT_POLLED;
    }

    private static final TriggerOutcome NOT_POLLED = new TriggerOutcome(Double.NaN, false, null);

    public static TriggerOutcome failure(String message) {
        return new TriggerOutcome(Double.NaN, false, message == null ? "scaler error" : message);
    }

    public boolean failed() {
        return error != null;
    }
}
