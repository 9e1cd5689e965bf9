package dev.ebbflow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves by hand, for the pure cores that take a {@link Clock}. */
public final class ManualClock extends Clock {

    /** Where a test starts when the date does not matter. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private volatile Instant now;

    public ManualClock() {
        this(DEFAULT_START);
    }

    public ManualClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
