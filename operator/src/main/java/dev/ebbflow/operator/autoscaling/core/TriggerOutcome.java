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

    public static TriggerOutcome failure(String message) {
        return new TriggerOutcome(Double.NaN, false, message == null ? "scaler error" : message);
    }

    public boolean failed() {
        return error != null;
    }
}
