package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.SourceScaler;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a trigger measures, spelled as KEDA's {@code mode} metadata, and how the metric and its
 * activation follow from a queue's statistics. Pure, so every mode's arithmetic (including the
 * queues nobody consumes from) is tested without a broker.
 */
public enum Mode {
    /** Messages in the queue (ready plus unacknowledged over http, ready only over amqp). */
    QUEUE_LENGTH("QueueLength"),
    /** Publish rate per second reported by the management API. */
    MESSAGE_RATE("MessageRate"),
    /** Deliveries per second, to consumers or to basic.get, acknowledged or not. */
    DELIVER_GET_RATE("DeliverGetRate"),
    /** MessageRate divided by DeliverGetRate: above 1 the consumers fall behind. */
    PUBLISHED_TO_DELIVERED_RATIO("PublishedToDeliveredRatio"),
    /** Seconds until the consumers have drained the queue at the current rates. */
    EXPECTED_QUEUE_CONSUMPTION_TIME("ExpectedQueueConsumptionTime");

    private final String manifestName;

    Mode(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    /** Every mode but QueueLength reads rates, which only the management API reports. */
    public boolean needsHttp() {
        return this != QUEUE_LENGTH;
    }

    /**
     * The metric and activation of these statistics.
     *
     * <p>With no deliveries a ratio or a drain time has no finite value, so: the ratio is the publish
     * rate itself (every published message stays in the queue) and the trigger is active while
     * anything is published; the drain time of a non-empty queue is reported as the activation
     * threshold and the trigger is active, since only more consumers can start draining it; an empty
     * queue drains in 0 seconds whatever the rates.
     */
    public ScalerReading reading(QueueStats stats, double activationValue) {
        double deliver = stats.deliverGetRate();
        return switch (this) {
            case QUEUE_LENGTH -> SourceScaler.aboveActivation(stats.messages(), activationValue);
            // KEDA: a backlog keeps the trigger active even when nothing is being published.
            case MESSAGE_RATE -> new ScalerReading(stats.publishRate(),
                    stats.publishRate() > activationValue || stats.messages() > activationValue);
            case DELIVER_GET_RATE -> SourceScaler.aboveActivation(deliver, activationValue);
            case PUBLISHED_TO_DELIVERED_RATIO -> {
                if (deliver > 0) {
                    yield SourceScaler.aboveActivation(stats.publishRate() / deliver, activationValue);
                }
                yield new ScalerReading(stats.publishRate(), stats.publishRate() > 0);
            }
            case EXPECTED_QUEUE_CONSUMPTION_TIME -> {
                if (stats.messages() <= 0) {
                    yield SourceScaler.aboveActivation(0, activationValue);
                }
                if (deliver <= 0) {
                    yield new ScalerReading(activationValue, true);
                }
                // The backlog's drain time, plus what one second of publishing beyond consumption adds;
                // a queue drained faster than it fills cannot take less than no time.
                double seconds = Math.max(0, stats.messages() / deliver + (stats.publishRate() - deliver) / deliver);
                yield SourceScaler.aboveActivation(seconds, activationValue);
            }
        };
    }

    /** The mode spelled {@code value} (as KEDA spells it, case included), or null. */
    static Mode fromManifest(String value) {
        for (Mode m : values()) {
            if (m.manifestName.equals(value)) {
                return m;
            }
        }
        return null;
    }

    /** The spellings, for error messages. */
    static String spellings() {
        return Arrays.stream(values()).map(Mode::manifestName).collect(Collectors.joining(", "));
    }
}
