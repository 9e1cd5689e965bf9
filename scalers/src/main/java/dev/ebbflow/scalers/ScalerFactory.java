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
     * The {@code metricType}s this trigger can serve. External metrics have no {@code Utilization} (a
     * percentage of a pod's resource request), so by default only {@code AverageValue} and {@code Value};
     * a trigger served as an HPA resource metric declares {@code Utilization} too.
     */
    default java.util.Set<MetricTargetType> metricTypes() {
        return java.util.EnumSet.of(MetricTargetType.AVERAGE_VALUE, MetricTargetType.VALUE);
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
