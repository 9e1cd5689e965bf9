package dev.ebbflow.scalers;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The trigger types this build knows, each with its single long-lived factory. */
public final class ScalerRegistry implements AutoCloseable {

    private final Map<String, ScalerFactory> factories;

    public ScalerRegistry(Collection<? extends ScalerFactory> factories) {
        Map<String, ScalerFactory> byType = new TreeMap<>();
        for (ScalerFactory f : factories) {
            byType.put(f.type(), f);
        }
        this.factories = Collections.unmodifiableMap(byType);
    }

    /** Every factory on the class path, registered in META-INF/services. */
    public static ScalerRegistry loadInstalled() {
        return new ScalerRegistry(ServiceLoader.load(ScalerFactory.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public java.util.Set<String> types() {
        return factories.keySet();
    }

    /** The {@code scaler} label value of {@code type}'s metrics ({@link ScalerFactory#kedaScalerName}), derived for an unknown type. */
    public String kedaScalerName(String type) {
        ScalerFactory f = factories.get(type);
        return f == null ? ScalerNames.fromType(type) : f.kedaScalerName();
    }

    /**
     * Builds the scaler of one trigger.
     *
     * @throws ScalerConfigException naming {@code type} when no factory serves it, {@code metricType} when the
     *     factory does not serve that type of metric ({@link ScalerFactory#metricTypes}), or the factory's own field
     */
    public Scaler create(TriggerConfig config) throws ScalerConfigException {
        ScalerFactory f = factories.get(config.type());
        if (f == null) {
            throw new ScalerConfigException("type", "unknown trigger type '" + config.type() + "'; supported: " + factories.keySet());
        }
        if (!f.metricTypes().contains(config.metricType())) {
            throw new ScalerConfigException("metricType", "'" + config.metricType().manifestName() + "' is not supported by the "
                    + config.type() + " trigger; supported: " + f.metricTypes().stream().map(MetricTargetType::manifestName).toList());
        }
        return f.create(config);
    }

    @Override
    public void close() {
        factories.values().forEach(ScalerFactory::close);
    }
}
