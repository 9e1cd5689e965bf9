package dev.ebbflow.operator.simulate.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulation's clock: it moves only when the event loop advances it, so the cores that take a
 * {@link Clock} see virtual time. Runs start at a fixed instant, which keeps reports reproducible.
 */
public final class VirtualClock extends Clock {

    public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private long elapsedMs;

    public void set(long elapsedMs) {
        this.elapsedMs = elapsedMs;
    }

    public long elapsedMs() {
        return elapsedMs;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return EPOCH.plusMillis(elapsedMs);
    }

    public static Instant at(long elapsedMs) {
        return EPOCH.plusMillis(elapsedMs);
    }
}
