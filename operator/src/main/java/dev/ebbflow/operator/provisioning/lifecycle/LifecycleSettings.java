package dev.ebbflow.operator.provisioning.lifecycle;

import java.time.Duration;

/**
 * How long a NodeClaim may take to launch and to register its Node before it is deleted and
 * replaced (Karpenter's liveness: a 15 minute registration TTL), and how often a claim waiting on
 * something no watch reports (a cloud, a clock) is looked at again.
 */
public record LifecycleSettings(Duration launchTimeout, Duration registrationTimeout, Duration recheck) {

    public static final Duration DEFAULT_LAUNCH_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REGISTRATION_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(10);

    public LifecycleSettings {
        requirePositive(launchTimeout, "launchTimeout");
        requirePositive(registrationTimeout, "registrationTimeout");
        requirePositive(recheck, "recheck");
    }

    public static LifecycleSettings defaults() {
        return new LifecycleSettings(DEFAULT_LAUNCH_TIMEOUT, DEFAULT_REGISTRATION_TIMEOUT, DEFAULT_RECHECK);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
