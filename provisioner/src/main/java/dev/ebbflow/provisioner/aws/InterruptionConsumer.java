package dev.ebbflow.provisioner.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the interruption queue and hands each event to a handler. A message is deleted only once it
 * was handled: when the handler throws, the message stays on the queue and SQS delivers it again
 * after its visibility timeout. A message that can never be handled (not an EventBridge event, an
 * EC2 event without its instance) is deleted at once and counted, so it does not come back forever.
 */
public final class InterruptionConsumer {

    /** The message type counted for a message that cannot be read. */
    public static final String UNPARSABLE = "unparsable";
    private static final Logger LOG = LoggerFactory.getLogger(InterruptionConsumer.class);

    /** Acts on one event; throws to leave its message on the queue for another try. */
    @FunctionalInterface
    public interface Handler {
        void handle(InterruptionMessage message);
    }

    /** What the consumer counts: Karpenter's interruption metrics. */
    public interface Listener {
        void received(String messageType);

        void deleted();

        /** How long the message waited on the queue before it was handled. */
        void queued(Duration duration);
    }

    /** What one poll did. */
    public record Result(int handled, int unparsable, int failed) {
    }

    private final InterruptionQueue queue;
    private final Handler handler;
    private final Listener listener;
    private final Clock clock;

    public InterruptionConsumer(InterruptionQueue queue, Handler handler, Listener listener, Clock clock) {
        this.queue = queue;
        this.handler = handler;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * One long poll and the handling of what it brought.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the queue cannot be read
     */
    public Result poll() {
        int handled = 0;
        int unparsable = 0;
        int failed = 0;
        for (InterruptionQueue.Received received : queue.receive()) {
            InterruptionMessage message;
            try {
                message = InterruptionMessage.parse(received.body());
            } catch (IllegalArgumentException e) {
                LOG.warn("interruption queue {}: deleting message {}, which cannot be handled: {}", queue.name(), received.messageId(),
                        e.getMessage());
                listener.received(UNPARSABLE);
                delete(received);
                unparsable++;
                continue;
            }
            listener.received(message.kind().messageType());
            try {
                handler.handle(message);
            } catch (RuntimeException e) {
                LOG.warn("interruption queue {}: handling {} event {} failed, it stays on the queue for another try: {}", queue.name(),
                        message.kind().messageType(), message.id(), e.getMessage());
                failed++;
                continue;
            }
            sentAt(received, message).ifPresent(sent -> listener.queued(waited(sent)));
            delete(received);
            handled++;
        }
        return new Result(handled, unparsable, failed);
    }

    private void delete(InterruptionQueue.Received received) {
        queue.delete(received);
        listener.deleted();
    }

    /** Zero rather than negative when the sender's clock is ahead of ours. */
    private Duration waited(Instant sent) {
        Duration d = Duration.between(sent, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Optional<Instant> sentAt(InterruptionQueue.Received received, InterruptionMessage message) {
        return received.sentAt().or(message::time);
    }
}
