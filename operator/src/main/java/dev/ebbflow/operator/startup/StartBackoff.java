package dev.ebbflow.operator.startup;

import java.time.Duration;

/**
 * When a controller module that failed to start is tried again: after 1 s, then twice as long after
 * each further failure, at most 5 minutes apart, as client-go's backoff does, so that a cause that
 * passes (an API server restarting, RBAC being applied) needs no restart of the operator.
 */
public final class StartBackoff {

    public static final Duration FIRST = Duration.ofSeconds(1);
    public static final Duration MAX = Duration.ofMinutes(5);

    private StartBackoff() {
    }

    /** The wait before the next try after {@code failures} failed tries in a row (at least 1). */
    public static Duration after(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, got " + failures);
        }
        // 2^9 s is past the cap already; stop doubling before the shift overflows.
        Duration wait = FIRST.multipliedBy(1L << Math.min(failures - 1, 10));
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
