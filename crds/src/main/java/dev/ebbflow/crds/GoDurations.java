package dev.ebbflow.crds;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration fields of the API ({@code consolidateAfter}, {@code expireAfter},
 * {@code terminationGracePeriod}, budget {@code duration}, a SimulatedNodeClass's {@code bootDelay}):
 * Go durations of hours, minutes, seconds and milliseconds such as {@code 720h}, {@code 1h30m},
 * {@code 250ms}, {@code 0s}, or {@code Never} where the field allows it.
 */
public final class GoDurations {

    public static final String NEVER = "Never";
    private static final Pattern WHOLE = Pattern.compile("^([0-9]+(ms|s|m|h))+$");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private GoDurations() {
    }

    /**
     * @param field the field's path, named in the error
     * @return empty for {@code Never}
     * @throws IllegalArgumentException naming {@code field} when the text is not a duration
     */
    public static Optional<Duration> parse(String text, String field) {
        if (NEVER.equals(text)) {
            return Optional.empty();
        }
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException(field + ": not a duration such as 30s, 15m or 1h30m: '" + text + "'");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return Optional.of(total);
    }

    /**
     * A duration that must be finite: {@code Never} is an error too.
     *
     * @throws IllegalArgumentException naming {@code field}
     */
    public static Duration parseFinite(String text, String field) {
        return parse(text, field).orElseThrow(() -> new IllegalArgumentException(field + ": must be a duration, not Never"));
    }
}
