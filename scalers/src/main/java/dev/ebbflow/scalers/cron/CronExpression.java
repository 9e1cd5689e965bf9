package dev.ebbflow.scalers.cron;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}), as the
 * cron trigger's {@code start} and {@code end} are written: numbers, {@code *}, {@code ?}, ranges,
 * lists, steps, month and weekday names, and the {@code @hourly}-style shorthands.
 *
 * <p>As in cron, when both day fields are restricted a day matches if either does.
 * {@link #next} works in local wall-clock time of the zone, so a schedule keeps its local hour
 * across daylight-saving changes: a local time skipped by a spring-forward change fires at the
 * first instant after the gap, and a local time repeated by a fall-back change fires once, at its
 * first occurrence.
 */
public final class CronExpression {

    /** How far {@link #next} looks ahead: a schedule matching Feb 29 on a Monday still matches within it. */
    private static final int SEARCH_DAYS = 366 * 29;

    private static final Map<String, String> SHORTHANDS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text, String[] fields) {
        this.text = text;
        this.minutes = field("minute", fields[0], 0, 59, null);
        this.hours = field("hour", fields[1], 0, 23, null);
        this.daysOfMonth = field("day of month", fields[2], 1, 31, null);
        this.months = field("month", fields[3], 1, 12, MONTHS);
        this.daysOfWeek = field("day of week", fields[4], 0, 6, DAYS);
        this.anyDayOfMonth = fields[2].startsWith("*") || fields[2].equals("?");
        this.anyDayOfWeek = fields[4].startsWith("*") || fields[4].equals("?");
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String trimmed = text.trim();
        String expanded = trimmed.startsWith("@") ? SHORTHANDS.get(trimmed.toLowerCase(Locale.ROOT)) : trimmed;
        if (expanded == null) {
            throw new IllegalArgumentException("unknown shorthand '" + trimmed + "'");
        }
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("must have 5 fields (minute hour day-of-month month day-of-week), got " + fields.length);
        }
        return new CronExpression(trimmed, fields);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The first time this schedule fires strictly after {@code after}, in {@code zone}; null if it never does. */
    public Instant next(Instant after, ZoneId zone) {
        LocalDateTime from = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = from.toLocalDate();
        LocalTime startOfDay = from.toLocalTime();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1), startOfDay = LocalTime.MIDNIGHT) {
            if (!matches(day)) {
                continue;
            }
            for (int h = hours.nextSetBit(startOfDay.getHour()); h >= 0; h = hours.nextSetBit(h + 1)) {
                int firstMinute = h == startOfDay.getHour() ? startOfDay.getMinute() : 0;
                for (int m = minutes.nextSetBit(firstMinute); m >= 0; m = minutes.nextSetBit(m + 1)) {
                    // ofLocal: the earlier offset of a repeated hour, and a skipped time moved past the gap.
                    Instant at = ZonedDateTime.ofLocal(day.atTime(h, m), zone, null).toInstant();
                    if (at.isAfter(after)) {
                        return at;
                    }
                }
            }
        }
        return null;
    }

    private boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(day.getDayOfMonth());
        boolean dow = daysOfWeek.get(day.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static BitSet field(String name, String spec, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",", -1)) {
            try {
                part(bits, part, min, max, names);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " field '" + spec + "': " + e.getMessage());
            }
        }
        return bits;
    }

    private static void part(BitSet bits, String part, int min, int max, String[] names) {
        String range = part;
        int step = 1;
        int slash = part.indexOf('/');
        if (slash >= 0) {
            range = part.substring(0, slash);
            step = number(part.substring(slash + 1), 1, Integer.MAX_VALUE, null);
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-');
            from = number(dash >= 0 ? range.substring(0, dash) : range, min, max, names);
            // "5/10" means from 5 to the end in steps of 10, as in cron.
            to = dash >= 0 ? number(range.substring(dash + 1), min, max, names) : slash >= 0 ? max : from;
        }
        if (from > to) {
            throw new IllegalArgumentException("range " + range + " runs backwards");
        }
        for (int v = from; v <= to; v += step) {
            bits.set(v);
        }
    }

    private static int number(String text, int min, int max, String[] names) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(text)) {
                    return i + min;
                }
            }
        }
        int v;
        try {
            v = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number" + (names == null ? "" : " or a name"));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(v + " is outside " + min + "-" + max);
        }
        return v;
    }
}
