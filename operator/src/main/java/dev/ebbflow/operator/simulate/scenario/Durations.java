package dev.ebbflow.operator.simulate.scenario;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as scenario authors and Kubernetes manifests write them: Go-style {@code 1h30m},
 * {@code 45s}, {@code 250ms}, plus {@code d} for days, a bare number of seconds, or ISO-8601
 * ({@code PT5M}).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern GO_STYLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");

    private Durations() {
    }

    /** @throws IllegalArgumentException with a message saying what is accepted */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (t.matches("\\d+(\\.\\d+)?")) {
            return ofSeconds(Double.parseDouble(t));
        }
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        }
        if (!GO_STYLE.matcher(t).matches()) {
            throw invalid(text);
        }
        Matcher m = PART.matcher(t);
        double millis = 0;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            millis += v * switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 86_400_000;
            };
        }
        return Duration.ofMillis(Math.round(millis));
    }

    public static Duration ofSeconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Short human form for tables: {@code 1h05m}, {@code 3m20s}, {@code 12.5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            return ms % 1000 == 0 ? (ms / 1000) + "s" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 30s, 5m, 1h30m, 1d, 250ms)");
    }
}
