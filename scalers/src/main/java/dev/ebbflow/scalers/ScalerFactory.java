package dev.ebbflow.scalers;

/**
 * Builds scalers of one trigger type. One factory lives for the whole operator, so it is where
 * connections to a source are pooled: many triggers on one broker share its connections.
 * Factories are found with {@link java.util.ServiceLoader} (see {@link ScalerRegistry}).
 */
public interface ScalerFactory extends AutoCloseable {

    /** The trigger {@code type} this factory serves, e.g. {@code rabbitmq}. */
    String type();

    /**
     * Validates the trigger and builds its scaler. Does not need to reach the source: a source that
     * is down must not make a valid trigger invalid.
     *
     * @throws ScalerConfigException naming the offending field when the trigger is malformed
     */
    Scaler create(TriggerConfig config) throws ScalerConfigException;

    /** Closes every pooled connection. */
    @Override
    void close();
}
