package dev.ebbflow.scalers;

import java.nio.charset.StandardCharsets;

/**
 * KEDA's external metric names: {@code s<index>-<scaler name>}, where the scaler name (e.g.
 * {@code rabbitmq-orders}, {@code aws-sqs-orders}) has the characters {@code / . : % ( )} turned
 * into dashes, since metric names cannot hold them.
 */
public final class MetricNames {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MetricNames() {
    }

    /** The metric name of trigger {@code index}; {@code scalerName} is normalised here. */
    public static String forTrigger(int index, String scalerName) {
        return "s" + index + "-" + normalize(scalerName);
    }

    /** KEDA's NormalizeString: characters that metric names cannot hold become dashes. */
    public static String normalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append("/.:%()".indexOf(c) >= 0 ? '-' : c);
        }
        return out.toString();
    }

    /**
     * Go's url.QueryEscape: unreserved bytes stay, space becomes '+', every other byte is %XX.
     * Scalers whose KEDA counterpart escapes the source name before normalising use it.
     */
    public static String queryEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
