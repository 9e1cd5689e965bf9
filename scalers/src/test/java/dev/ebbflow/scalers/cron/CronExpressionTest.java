package dev.ebbflow.scalers.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant next(String cron, String after, ZoneId zone) {
        return CronExpression.parse(cron).next(Instant.parse(after), zone);
    }

    @Test
    void nextIsStrictlyAfter() {
    }

    @Test
    void fieldsNamesRangesListsSteps() {
    }

    @Test
    void restrictedDayFieldsMatchEither() {
    }

    @Test
    void keepsLocalTimeAcrossDaylightSaving() {
        assertThat(next("0 8 * * *", "2026-10-24T12:00:00Z", BERLIN)).isEqualTo("2026-10-25T07:00:00Z");
    }

    @Test
    void skippedLocalTimeFiresAfterTheGap() {
    }

    @Test
    void repeatedLocalTimeFiresOnce() {
        // New York falls back from 02:00 EDT to 01:00 EST on 2026-11-01: 01:30 happens twice.
        Instant first = next("30 1 * * *", "2026-11-01T04:00:00Z", NEW_YORK);
        assertThat(first).isEqualTo("2026-11-01T05:30:00Z");
        assertThat(next("30 1 * * *", first.toString(), NEW_YORK)).isEqualTo("2026-11-02T06:30:00Z");
    }

    @Test
    void malformedExpressionsSayWhy() {
        assertThatThrownBy(() -> CronExpression.parse("0 8 * *")).hasMessageContaining("5 fields");
        assertThatThrownBy(() -> CronExpression.parse("61 8 * * *")).hasMessageContaining("minute").hasMessageContaining("outside 0-59");
        assertThatThrownBy(() -> CronExpression.parse("0 8 * * Funday")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronExpression.parse("0 20-8 * * *")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CronExpression.parse("@often")).hasMessageContaining("shorthand");
        assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *")).hasMessageContaining("outside");
    }
}
