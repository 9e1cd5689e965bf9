package dev.ebbflow.operator.health;

import java.time.Duration;
import java.time.Instant;

/**
 * Something that must keep happening while the operator is alive (an informer watching, the scale
 * loop ticking, the metrics API answering), as last seen.
 *
 * @param lastSeen when it was last seen working
 * @param maxSilence how long it may go unseen before the operator counts as wedged
 * @param expected false while it need not run (e.g. the scale loop on a follower)
 */
public record VitalSign(String name, Instant lastSeen, Duration maxSilence, boolean expected) {
}
