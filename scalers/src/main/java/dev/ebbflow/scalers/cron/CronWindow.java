package dev.ebbflow.scalers.cron;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The cron trigger's time window: open from each firing of {@code start} until the next firing of
 * {@code end}, in local time of {@code zone}. Pure: the time comes in.
 */
public record CronWindow(ZoneId zone, CronExpression start, CronExpression end) {

    public CronWindow {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * Whether the window is open at {@code now}: the end fires before the start does next, i.e. the
     * last thing that happened was a start. Open at the start minute itself, closed at the end minute.
     */
    public boolean openAt(Instant now) {
        Instant nextStart = start.next(now, zone);
        Instant nextEnd = end.next(now, zone);
        return nextStart != null && nextEnd != null && nextEnd.isBefore(nextStart);
    }
}
