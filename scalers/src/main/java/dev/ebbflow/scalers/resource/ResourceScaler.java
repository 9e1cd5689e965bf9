package dev.ebbflow.scalers.resource;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;

/**
 * A {@code cpu} or {@code memory} trigger. It holds nothing and reads nothing: the generated HPA
 * reads the pods' usage from the resource metrics API, and the scale loop never polls it (see
 * {@link MetricSpec#isResource()}).
 */
final class ResourceScaler implements Scaler {

    private final MetricSpec metricSpec;

    ResourceScaler(MetricSpec metricSpec) {
        this.metricSpec = metricSpec;
    }

    @Override
    public MetricSpec metricSpec() {
        return metricSpec;
    }

    @Override
    public ScalerReading read() throws ScalerException {
        throw new ScalerException(metricSpec.metricName() + " is read by the HPA from the resource metrics API, not polled");
    }

    @Override
    public void close() {
    }
}
