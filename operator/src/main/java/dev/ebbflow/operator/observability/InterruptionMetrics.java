package dev.ebbflow.operator.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The interruption queue's metrics under Karpenter's names:
 * {@code karpenter_interruption_received_messages_total{message_type}},
 * {@code karpenter_interruption_deleted_messages_total} and
 * {@code karpenter_interruption_message_queue_duration_seconds}; a NodeClaim deleted for an
 * interruption counts in {@code karpenter_nodeclaims_disrupted_total} with the message type as its reason,
 * the same series {@link KarpenterMetrics} writes (Micrometer hands back the meter already registered).
 */
public final class InterruptionMetrics {

    private static final double[] QUEUE_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180,
        300, 600};

    private final MeterRegistry registry;
    private final MeterFamily received;
    private final Counter deleted;
    private final Timer queueDuration;

    public InterruptionMetrics(MeterRegistry registry) {
        this.registry = registry;
        received = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "karpenter.interruption.received.messages",
                "Count of messages received from the SQS queue. Broken down by message type and whether the message was actionable.",
                null, "message_type");
        deleted = Counter.builder("karpenter.interruption.deleted.messages").description("Count of messages deleted from the SQS queue.")
                .register(registry);
        queueDuration = Timer.builder("karpenter.interruption.message.queue.duration")
                .description("Amount of time an interruption message is on the queue before it is processed by karpenter.")
                .serviceLevelObjectives(Buckets.seconds(QUEUE_BUCKETS)).register(registry);
    }

    public void received(String messageType) {
        received.increment(List.of(messageType), 1);
    }

    public void deleted() {
        deleted.increment();
    }

    public void queued(Duration duration) {
        queueDuration.record(duration);
    }

    public void nodeClaimDisrupted(String reason, String nodePool) {
        Counter.builder(KarpenterMetrics.NODECLAIMS_DISRUPTED).description(KarpenterMetrics.NODECLAIMS_DISRUPTED_HELP)
                .tags("reason", reason, "nodepool", nodePool).register(registry).increment();
    }
}
