package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.AggregationOperation;
import java.util.regex.Pattern;

/**
 * An {@code azure-servicebus} trigger after validation. {@link #toString()} is safe to log.
 *
 * @param queueName the queue (or queue name regex); null for a topic subscription
 * @param topicName the topic; null for a queue
 * @param subscriptionName the subscription (or subscription name regex) of {@code topicName}
 * @param messageCount target active messages per replica
 * @param activationMessageCount active only strictly above this count
 * @param namePattern the compiled regex when {@code useRegex} is set, else null; matched anywhere
 *     in a name (unanchored), as Go's regexp.MatchString does in KEDA
 * @param authority the namespace host (and port, when a connection string names one)
 */
public record ServiceBusMetadata(
        String queueName,
        String topicName,
        String subscriptionName,
        long messageCount,
        long activationMessageCount,
        Pattern namePattern,
        AggregationOperation operation,
        String authority,
        ServiceBusAuth auth) {

    /** KEDA's default {@code messageCount}. */
    public static final long DEFAULT_MESSAGE_COUNT = 5;

    public boolean isQueue() {
        return queueName != null;
    }

    public boolean useRegex() {
        return namePattern != null;
    }

    /** The entity the metric is named after: the queue, or the topic of a subscription. */
    public String metricEntity() {
        return isQueue() ? queueName : topicName;
    }

    /** How the entity is called in messages. */
    String describeEntity() {
        String kind = useRegex() ? " matching " : " ";
        return isQueue() ? "queue" + kind + "'" + queueName + "'"
                : "subscription" + kind + "'" + subscriptionName + "' of topic '" + topicName + "'";
    }
}
