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
     * The scaler's name as KEDA writes it in the {@code scaler} label of its Prometheus metrics (its Go
     * type name, e.g. {@code rabbitMQScaler}), so that dashboards made for KEDA keep matching. By default
     * derived from {@link #type()} ({@link ScalerNames#fromType}); a factory serving one of KEDA's scalers
     * declares KEDA's exact name.
     */
    default String kedaScalerName() {
        return ScalerNames.fromType(type());
    }

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
