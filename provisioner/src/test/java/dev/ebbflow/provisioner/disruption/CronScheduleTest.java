package dev.ebbflow.provisioner.disruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static ZonedDateTime at(String instant) {
        return Instant.parse(instant).atZone(ZoneOffset.UTC);
    }

    @Test
    void businessHoursWindow() {
        CronSchedule weekdays9 = CronSchedule.parse("0 9 * * 1-5");
        // 2026-01-05 is a Monday.
        assertThat(weekdays9.activeAt(Instant.parse("2026-01-05T09:00:00Z"), Duration.ofHours(8))).isTrue();
        assertThat(weekdays9.activeAt(Instant.parse("2026-01-05T16:59:00Z"), Duration.ofHours(8))).isTrue();
        assertThat(weekdays9.activeAt(Instant.parse("2026-01-05T17:00:00Z"), Duration.ofHours(8))).isFalse();
        assertThat(weekdays9.activeAt(Instant.parse("2026-01-05T08:59:00Z"), Duration.ofHours(8))).isFalse();
        assertThat(weekdays9.activeAt(Instant.parse("2026-01-04T10:00:00Z"), Duration.ofHours(8))).as("Sunday").isFalse();
    }

    @Test
    void macrosNamesListsAndSteps() {
        assertThat(CronSchedule.parse("@daily").matches(at("2026-03-01T00:00:00Z"))).isTrue();
        assertThat(CronSchedule.parse("@daily").matches(at("2026-03-01T00:01:00Z"))).isFalse();
        assertThat(CronSchedule.parse("*/15 * * * *").matches(at("2026-03-01T10:45:00Z"))).isTrue();
        assertThat(CronSchedule.parse("*/15 * * * *").matches(at("2026-03-01T10:46:00Z"))).isFalse();
        assertThat(CronSchedule.parse("0 0 * JAN,MAR SUN").matches(at("2026-03-01T00:00:00Z"))).as("a Sunday in March").isTrue();
        assertThat(CronSchedule.parse("0 0 * * 7").matches(at("2026-03-01T00:00:00Z"))).as("7 is Sunday too").isTrue();
    }

    @Test
    void restrictedDayOfMonthAndWeekMatchEither() {
        CronSchedule s = CronSchedule.parse("0 0 13 * 5");
        assertThat(s.matches(at("2026-03-13T00:00:00Z"))).isTrue();
        assertThat(s.matches(at("2026-03-06T00:00:00Z"))).as("a Friday").isTrue();
        assertThat(s.matches(at("2026-03-07T00:00:00Z"))).isFalse();
    }

    @Test
    void badExpressionsAreRejected() {
        assertThatThrownBy(() -> CronSchedule.parse("0 9 * *")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("minute 61");
        assertThatThrownBy(() -> CronSchedule.parse("x * * * *")).hasMessageContaining("not a number");
    }
}
