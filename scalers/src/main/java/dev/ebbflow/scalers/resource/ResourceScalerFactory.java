package dev.ebbflow.scalers.resource;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.ResourceMetric;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerFactory;
import dev.ebbflow.scalers.TriggerConfig;

/**
 * Builds the {@code cpu} and {@code memory} triggers: one KEDA scaler ({@code cpuMemoryScaler}) serving
 * two trigger types. Their metric is named after the resource, as in KEDA's {@code status.resourceMetricNames}.
 */
public abstract class ResourceScalerFactory implements ScalerFactory {

    private final String resource;

    protected ResourceScalerFactory(String resource) {
        this.resource = resource;
    }

    @Override
    public final String type() {
        return resource;
    }

    @Override
    public final String kedaScalerName() {
        return "cpuMemoryScaler";
    }

    /** Served as an HPA resource metric, so a percentage of the pods' requests is a target too; {@code Value} is not. */
    @Override
    public final java.util.Set<dev.ebbflow.scalers.MetricTargetType> metricTypes() {
        return java.util.EnumSet.of(dev.ebbflow.scalers.MetricTargetType.UTILIZATION, dev.ebbflow.scalers.MetricTargetType.AVERAGE_VALUE);
    }

    @Override
    public final Scaler create(TriggerConfig config) throws ScalerConfigException {
        ResourceMetric metric = ResourceMetadataParser.parse(resource, config);
        double target = metric.averageUtilization() != null ? metric.averageUtilization() : 0;
        return new ResourceScaler(new MetricSpec(resource, target, 0, metric.targetType(), metric));
    }

    @Override
    public final void close() {
    }

    /** The {@code cpu} trigger. */
    public static final class Cpu extends ResourceScalerFactory {
        public Cpu() {
            super("cpu");
        }
    }

    /** The {@code memory} trigger. */
    public static final class Memory extends ResourceScalerFactory {
        public Memory() {
            super("memory");
        }
    }
}
