package dev.ebbflow.provisioner.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * Karpenter's batching window as a pure state machine: a batch opens with the first pending pod and
 * closes once no new pod has arrived for {@code idle}, or at the latest {@code max} after it opened,
 * so a burst of pods is packed together rather than one node per pod. Time is passed in.
 */
public record BatchWindow(Duration idle, Duration max, Instant openedAt, Instant lastArrival) {

    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(10);

    public BatchWindow {
        if (idle.isNegative() || idle.isZero()) {
            throw new InvalidInputException("batchIdleDuration", "must be positive, got " + idle);
        }
        if (max.compareTo(idle) < 0) {
            throw new InvalidInputException("batchMaxDuration", "must be at least batchIdleDuration (" + idle + "), got " + max);
        }
    }

    public static BatchWindow empty(Duration idle, Duration max) {
        return new BatchWindow(idle, max, null, null);
    }

    public static BatchWindow defaults() {
        return empty(DEFAULT_IDLE, DEFAULT_MAX);
    }

    public boolean isOpen() {
        return openedAt != null;
    }

    /** A pending pod was seen at {@code now}. */
    public BatchWindow podArrived(Instant now) {
        return new BatchWindow(idle, max, openedAt == null ? now : openedAt, now);
    }

    /** When the window closes if nothing else arrives; null when no batch is open. */
    public Instant closesAt() {
        if (openedAt == null) {
            return null;
        }
        Instant byIdle = lastArrival.plus(idle);
        Instant byMax = openedAt.plus(max);
        return byIdle.isBefore(byMax) ? byIdle : byMax;
    }

    public boolean isClosed(Instant now) {
        return openedAt != null && !now.isBefore(closesAt());
    }

    /** The state after the batch was handed to the scheduler. */
    public BatchWindow reset() {
        return empty(idle, max);
    }
}
