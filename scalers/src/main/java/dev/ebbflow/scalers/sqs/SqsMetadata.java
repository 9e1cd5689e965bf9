package dev.ebbflow.scalers.sqs;

import java.net.URI;

/**
 * An {@code aws-sqs-queue} trigger after validation; {@link #toString()} is safe to log.
 *
 * @param queueUrl what is sent as {@code QueueUrl}: the full URL, or the bare queue name, which SQS
 *     resolves in the client's region and account
 * @param queueName the queue's name, for the metric name and messages
 * @param endpoint {@code awsEndpoint}, or null for the region's SQS endpoint
 */
public record SqsMetadata(
        String queueUrl,
        String queueName,
        String region,
        URI endpoint,
        long queueLength,
        long activationQueueLength,
        boolean scaleOnInFlight,
        boolean scaleOnDelayed,
        AwsAuthentication authentication) {

    /** KEDA's {@code queueLength} default. */
    public static final long DEFAULT_QUEUE_LENGTH = 5;

    /** Whether {@code queueURL} held a bare queue name rather than a URL. */
    public boolean byName() {
        return !queueUrl.contains("://");
    }
}
