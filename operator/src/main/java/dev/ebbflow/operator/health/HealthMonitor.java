package dev.ebbflow.operator.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Collects the operator's vital signs: each part reports {@link #seen} when it works (a tick, a
 * successful check) and {@link #health()} turns their ages into an answer for {@code /healthz}.
 * A sign counts from when it becomes expected, so a replica that just started leading has the
 * sign's whole allowance before its scale loop must have ticked.
 */
public final class HealthMonitor {

    private record Expectation(Duration maxSilence, BooleanSupplier expected) {
    }

    private final Clock clock;
    private final Map<String, Expectation> expectations = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();

    public HealthMonitor(Clock clock) {
        this.clock = clock;
    }

    /** Declares a vital sign; it is given {@code maxSilence} from now (or from when it becomes expected). */
    public HealthMonitor expect(String name, Duration maxSilence, BooleanSupplier expected) {
        expectations.put(name, new Expectation(maxSilence, expected));
        lastSeen.put(name, clock.instant());
        return this;
    }

    /** The part called {@code name} works now. */
    public void seen(String name) {
        lastSeen.put(name, clock.instant());
    }

    public Health health() {
        Instant now = clock.instant();
        List<VitalSign> signs = expectations.entrySet().stream().map(e -> {
            boolean expected = e.getValue().expected().getAsBoolean();
            if (!expected) {
                lastSeen.put(e.getKey(), now); // the allowance starts when it becomes expected
            }
            return new VitalSign(e.getKey(), lastSeen.get(e.getKey()), e.getValue().maxSilence(), expected);
        }).sorted(java.util.Comparator.comparing(VitalSign::name)).toList();
        return HealthEvaluator.evaluate(signs, now);
    }
}
