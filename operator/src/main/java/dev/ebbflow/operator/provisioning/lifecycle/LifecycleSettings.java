package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.provisioner.disruption.Emptiness;
import java.time.Duration;

/**
 * How long a NodeClaim may take to launch and to register its Node before it is deleted and
 * replaced (Karpenter's liveness: a 15 minute registration TTL), how often a claim waiting on
 * something no watch reports (a cloud, a clock) is looked at again, and how long a new node is kept
 * from emptiness for kube-scheduler to bind the pods it was made for
 * ({@code Emptiness.NOMINATION_WINDOW}; zero in tests that need no scheduler).
 */
public record LifecycleSettings(Duration launchTimeout, Duration registrationTimeout, Duration recheck, Duration nominationWindow) {

    public static final Duration DEFAULT_LAUNCH_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REGISTRATION_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(10);

    public LifecycleSettings {
        requirePositive(launchTimeout, "launchTimeout");
        requirePositive(registrationTimeout, "registrationTimeout");
        requirePositive(recheck, "recheck");
        if (nominationWindow == null || nominationWindow.isNegative()) {
            throw new IllegalArgumentException("nominationWindow must be zero or positive, got " + nominationWindow);
        }
    }

    public LifecycleSettings(Duration launchTimeout, Duration registrationTimeout, Duration recheck) {
        this(launchTimeout, registrationTimeout, recheck, Emptiness.NOMINATION_WINDOW);
    }

    public LifecycleSettings withNominationWindow(Duration window) {
        return new LifecycleSettings(launchTimeout, registrationTimeout, recheck, window);
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
