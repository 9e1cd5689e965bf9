package dev.ebbflow.scalers.rabbitmq;

/** What a trigger measures, spelled as KEDA's {@code mode} metadata. */
public enum Mode {
    /** Messages in the queue (ready plus unacknowledged over http, ready only over amqp). */
    QUEUE_LENGTH("QueueLength"),
    /** Publish rate per second reported by the management API. */
    MESSAGE_RATE("MessageRate");

    private final String manifestName;

    Mode(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    /** The mode spelled {@code value}, or null when no mode has that spelling. */
    static Mode fromManifest(String value) {
        for (Mode m : values()) {
            if (m.manifestName.equals(value)) {
                return m;
            }
        }
        return null;
    }
}
