package dev.ebbflow.operator.health;

import java.time.Duration;

/**
 * How {@code /healthz} judges the operator: how often its vital signs are sampled, and how long each
 * may go unseen before the operator counts as wedged.
 *
 * @param sampling how often the informers and the metrics API are looked at
 * @param informerSilence how long the informers may not watch: a dropped watch reconnects within seconds
 * @param scaleLoopHeartbeat how often the scale loop shows it ticks and has a free worker
 * @param scaleLoopSilence how long the scale loop may not tick: generous, as ten thousand ScaledObjects
 *                         can queue their polls ahead of the heartbeat for a while
 * @param metricsApiSilence how long the external metrics API may not answer its own probe
 */
public record HealthLimits(Duration sampling, Duration informerSilence, Duration scaleLoopHeartbeat, Duration scaleLoopSilence,
                           Duration metricsApiSilence) {

    public static final HealthLimits DEFAULTS = new HealthLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(5),
            Duration.ofSeconds(90), Duration.ofSeconds(30));

    /** A sign sampled less often than it may be silent would be judged on stale news. */
    public HealthLimits {
        if (sampling.compareTo(informerSilence) >= 0 || sampling.compareTo(metricsApiSilence) >= 0) {
            throw new IllegalArgumentException("health sampling (" + sampling + ") must be shorter than every silence it judges");
        }
        if (scaleLoopHeartbeat.compareTo(scaleLoopSilence) >= 0) {
            throw new IllegalArgumentException("the scale loop's heartbeat (" + scaleLoopHeartbeat + ") must be shorter than its silence");
        }
    }
}
