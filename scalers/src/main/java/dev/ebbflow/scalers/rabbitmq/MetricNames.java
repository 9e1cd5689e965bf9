package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.MetadataMetricNames;
import java.nio.charset.StandardCharsets;

/**
 * KEDA's external metric names: {@code s<index>-rabbitmq-<queue>}, where the queue name is
 * query-escaped (as Go's url.QueryEscape does) and then the characters {@code / . : % ( )} become
 * dashes, so that {@code namespace/name} gives {@code s1-rabbitmq-namespace-2Fname}.
 */
public final class MetricNames {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MetricNames() {
    }

    public static String forQueue(int index, String queueName) {
        return MetadataMetricNames.withIndex(index, "rabbitmq-" + queryEscape(queueName));
    }

    /** Go's url.QueryEscape: unreserved bytes stay, space becomes '+', every other byte is %XX. */
    static String queryEscape(String s) {
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
