package dev.ebbflow.operator.jobs.core;

import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import java.util.Objects;

/**
 * One trigger's poll: its target (KEDA's targetAverageValue, the work one Job takes, from the
 * scaler's metric spec) and what reading it gave.
 */
public record TriggerSample(double target, TriggerOutcome outcome) {

    public TriggerSample {
        Objects.requireNonNull(outcome, "outcome");
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("target must be a positive number, got " + target);
        }
    }

    public static TriggerSample reading(double queueLength, double target, boolean active) {
        return new TriggerSample(target, TriggerOutcome.reading(queueLength, active));
    }

    public static TriggerSample failure(double target, String message) {
        return new TriggerSample(target, TriggerOutcome.failure(message));
    }

    /** Jobs this trigger alone asks for: {@code ceil(queueLength / target)}, never negative. */
    long jobsWanted() {
        double value = outcome.value();
        return value <= 0 ? 0 : (long) Math.ceil(value / target);
    }
}
