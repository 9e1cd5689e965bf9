package dev.ebbflow.provisioner.aws;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS queue EventBridge sends EC2's interruption events to ({@code --interruption-queue}), read
 * with long polls of up to 10 messages. The queue is named as in Karpenter's {@code settings.interruptionQueue}
 * (its URL is looked up with GetQueueUrl), or given by URL; a URL outside amazonaws.com (an ElasticMQ, a
 * private endpoint) is also where the requests go.
 */
public final class InterruptionQueue implements AutoCloseable {

    /** SQS's longest long poll: an empty queue costs one request per 20 s. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    private static final int MAX_MESSAGES = 10;

    /** A message as received: its body, the handle that deletes it, and when it was sent to the queue. */
    public record Received(String messageId, String body, String receiptHandle, Optional<Instant> sentAt) {
    }

    private final SqsClient sqs;
    private final String queue;
    private final Duration wait;
    private volatile String url;

    public InterruptionQueue(AwsSettings settings, String queue) {
        this(client(settings, queue), queue, DEFAULT_WAIT);
    }

    InterruptionQueue(SqsClient sqs, String queue, Duration wait) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("an interruption queue name or URL is required");
        }
        this.sqs = sqs;
        this.queue = queue.trim();
        this.wait = wait;
        this.url = isUrl(this.queue) ? this.queue : null;
    }

    /** With a shorter long poll, so that a test's consumer stops soon. */
    public static InterruptionQueue withWait(AwsSettings settings, String queue, Duration wait) {
        return new InterruptionQueue(client(settings, queue), queue, wait);
    }

    private static SqsClient client(AwsSettings settings, String queue) {
        var builder = SqsClient.builder().region(Region.of(settings.region())).credentialsProvider(settings.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(DEFAULT_WAIT.plusSeconds(10)));
        endpointOf(queue).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Where requests go for a queue given by a URL outside AWS; AWS's own endpoints are the SDK's to find. */
    static Optional<URI> endpointOf(String queue) {
        if (queue == null || !isUrl(queue.trim())) {
            return Optional.empty();
        }
        URI uri = URI.create(queue.trim());
        if (uri.getHost() == null || uri.getHost().endsWith(".amazonaws.com") || uri.getHost().endsWith(".amazonaws.com.cn")) {
            return Optional.empty();
        }
        return Optional.of(URI.create(uri.getScheme() + "://" + uri.getAuthority()));
    }

    private static boolean isUrl(String queue) {
        return queue.startsWith("https://") || queue.startsWith("http://");
    }

    /** The queue as configured (name or URL), for messages. */
    public String name() {
        return queue;
    }

    private String url() {
        String u = url;
        if (u == null) {
            u = sqs.getQueueUrl(r -> r.queueName(queue)).queueUrl();
            url = u;
        }
        return u;
    }

    /** One long poll: up to 10 messages, or none once the wait is over. */
    public List<Received> receive() {
        int seconds = (int) Math.max(0, Math.min(DEFAULT_WAIT.toSeconds(), wait.toSeconds()));
        return sqs.receiveMessage(r -> r.queueUrl(url()).maxNumberOfMessages(MAX_MESSAGES).waitTimeSeconds(seconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages().stream().map(InterruptionQueue::received).toList();
    }

    private static Received received(Message m) {
        String sent = m.attributes().entrySet().stream().filter(e -> e.getKey().toString().equals("SentTimestamp"))
                .map(e -> e.getValue()).findFirst().orElse(null);
        Optional<Instant> sentAt;
        try {
            sentAt = sent == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(sent)));
        } catch (NumberFormatException e) {
            sentAt = Optional.empty();
        }
        return new Received(m.messageId(), m.body(), m.receiptHandle(), sentAt);
    }

    public void delete(Received message) {
        sqs.deleteMessage(r -> r.queueUrl(url()).receiptHandle(message.receiptHandle()));
    }

    @Override
    public void close() {
        sqs.close();
    }
}
