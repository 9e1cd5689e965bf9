package dev.ebbflow.provisioner.disruption;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron expression (minute, hour, day of month, month, day of week; lists,
 * ranges, steps, month and day names) or one of the {@code @yearly}, {@code @monthly},
 * {@code @weekly}, {@code @daily}, {@code @hourly} macros, evaluated in UTC as Karpenter does for
 * budget schedules. When both day fields are restricted, a day matching either one matches.
 */
public final class CronSchedule {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    private CronSchedule(String[] f) {
        minutes = field(f[0], 0, 59, List.of(), "minute");
        hours = field(f[1], 0, 23, List.of(), "hour");
        daysOfMonth = field(f[2], 1, 31, List.of(), "day of month");
        months = field(f[3], 1, 12, MONTHS, "month");
        daysOfWeek = field(f[4], 0, 7, DAYS, "day of week");
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        domRestricted = !f[2].equals("*") && !f[2].equals("?");
        dowRestricted = !f[4].equals("*") && !f[4].equals("?");
    }

    /** @throws IllegalArgumentException describing what is wrong with the expression */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty cron expression");
        }
        String text = MACROS.getOrDefault(expression.trim().toLowerCase(Locale.ROOT), expression.trim());
        String[] fields = text.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron expression '" + expression + "' must have 5 fields, has " + fields.length);
        }
        return new CronSchedule(fields);
    }

    public boolean matches(ZonedDateTime t) {
        if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : t.getDayOfWeek().getValue());
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    /** Whether a hit of the schedule happened within {@code duration} before {@code now} (inclusive of now). */
    public boolean activeAt(Instant now, Duration duration) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        Instant start = now.minus(duration);
        while (t.toInstant().isAfter(start)) {
            if (matches(t)) {
                return true;
            }
            t = t.minusMinutes(1);
        }
        return false;
    }

    private static BitSet field(String text, int min, int max, List<String> names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String part : text.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, List.of(), what, 0);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, names, what, min);
                to = number(ends[1], min, max, names, what, min);
            } else {
                from = number(range, min, max, names, what, min);
                to = slash >= 0 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException(what + " range '" + part + "' runs backwards");
            }
            for (int i = from; i <= to; i += step) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int number(String text, int min, int max, List<String> names, String what, int nameBase) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + nameBase;
        }
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new IllegalArgumentException(what + " " + n + " is outside " + min + "-" + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number");
        }
    }
}
