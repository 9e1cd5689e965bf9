package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.AggregationOperation;
import java.util.List;

/**
 * What one read learns about a queue (or, with a regex, the matched queues combined):
 * its message count and, over http, the publish and deliver/get rates per second.
 * AMQP reports the count only, so its rates are 0 (the parser lets only QueueLength use amqp).
 */
public record QueueStats(double messages, double publishRate, double deliverGetRate) {

    static QueueStats messagesOnly(double messages) {
        return new QueueStats(messages, 0, 0);
    }

    /** Each figure combined over the queues by {@code operation}; no queue at all is an idle one. */
    static QueueStats combine(List<QueueStats> queues, AggregationOperation operation) {
        double messages = operation.apply(queues.stream().map(QueueStats::messages).toList());
        // KEDA counts messages in whole numbers, so their average is rounded down; rates stay fractional.
        return new QueueStats(
                operation == AggregationOperation.AVG ? Math.floor(messages) : messages,
                operation.apply(queues.stream().map(QueueStats::publishRate).toList()),
                operation.apply(queues.stream().map(QueueStats::deliverGetRate).toList()));
    }
}
