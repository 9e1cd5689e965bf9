package dev.ebbflow.operator.simulate.scenario;

import java.time.Duration;

/**
 * A simulated queue and the Deployment that consumes it.
 *
 * @param name what triggers name it by (RabbitMQ {@code queueName}, the last segment of an SQS
 *     {@code queueURL}, a Service Bus {@code queueName})
 * @param consumerNamespace namespace of the consuming Deployment
 * @param consumer name of the consuming Deployment
 * @param messagesPerPodPerSecond how many messages one ready pod processes per second
 * @param podStartupTime from a pod being bound to a node to it consuming
 * @param initialBacklog messages already waiting at the start
 * @param poisson whether arrivals per step are drawn from a Poisson law (seeded) rather than the
 *     exact expected count
 * @param fields where the queue was declared, for errors found later
 */
public record QueueSpec(
        String name,
        String consumerNamespace,
        String consumer,
        double messagesPerPodPerSecond,
        Duration podStartupTime,
        double initialBacklog,
        boolean poisson,
        ArrivalTrace trace,
        Field fields) {
}
