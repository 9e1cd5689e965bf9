package dev.ebbflow.operator.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Whether the operator is alive, from when each of its vital signs was last seen: a pure decision. */
public final class HealthEvaluator {

    private HealthEvaluator() {
    }

    /** Unhealthy when an expected vital sign has been silent for longer than it may be. */
    public static Health evaluate(Collection<VitalSign> signs, Instant now) {
        List<String> problems = new ArrayList<>();
        for (VitalSign sign : signs) {
            if (!sign.expected()) {
                continue;
            }
            Duration silence = Duration.between(sign.lastSeen(), now);
            if (silence.compareTo(sign.maxSilence()) > 0) {
                problems.add(sign.name() + ": not seen working for " + silence.toSeconds() + " s (limit " + sign.maxSilence().toSeconds() + " s)");
            }
        }
        return new Health(problems);
    }
}
