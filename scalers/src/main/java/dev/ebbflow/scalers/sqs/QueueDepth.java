package dev.ebbflow.scalers.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * KEDA's "actual messages" of a queue: visible messages, plus in-flight (not visible) ones when
 * {@code scaleOnInFlight}, plus delayed ones when {@code scaleOnDelayed}. Pure, so each flag
 * combination is tested without a server.
 */
final class QueueDepth {

    private QueueDepth() {
    }

    /** The attributes to ask for: only those the value adds up. */
    static List<QueueAttributeName> attributes(boolean scaleOnInFlight, boolean scaleOnDelayed) {
        List<QueueAttributeName> names = new ArrayList<>(3);
        names.add(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        if (scaleOnInFlight) {
            names.add(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        }
        if (scaleOnDelayed) {
            names.add(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);
        }
        return names;
    }

    /**
     * Sums the requested attributes of a GetQueueAttributes answer.
     *
     * @throws IllegalArgumentException naming the attribute that is missing or not a count
     */
    static long value(Map<QueueAttributeName, String> answer, boolean scaleOnInFlight, boolean scaleOnDelayed) {
        long sum = 0;
        for (QueueAttributeName name : attributes(scaleOnInFlight, scaleOnDelayed)) {
            String text = answer.get(name);
            if (text == null) {
                throw new IllegalArgumentException("the answer has no " + name);
            }
            try {
                long v = Long.parseLong(text.trim());
                if (v < 0) {
                    throw new NumberFormatException();
                }
                sum += v;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a count: '" + text + "'");
            }
        }
        return sum;
    }
}
