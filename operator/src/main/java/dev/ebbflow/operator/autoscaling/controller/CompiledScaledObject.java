package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.scalers.Scaler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation of a valid ScaledObject, ready to scale: the core's view of its spec, one scaler
 * per trigger (same order as {@code spec.triggers}) and the name of its HPA. Closing it gives back
 * the scalers' shared connections.
 */
public record CompiledScaledObject(ScaledObjectKey key, long generation, ScalingSpec spec, List<Scaler> scalers,
        List<String> triggerTypes, String hpaName) implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompiledScaledObject.class);

    public CompiledScaledObject {
        scalers = List.copyOf(scalers);
        triggerTypes = List.copyOf(triggerTypes);
    }

    /** The external metric names the HPA asks for: one per trigger, or the composite one. */
    public List<String> metricNames() {
        return dev.ebbflow.operator.autoscaling.core.ExternalMetrics.hpaMetrics(spec).stream()
                .map(dev.ebbflow.operator.autoscaling.core.hpa.ExternalMetricTarget::metricName).toList();
    }

    @Override
    public void close() {
        closeAll(scalers);
    }

    static void closeAll(List<Scaler> scalers) {
        for (Scaler s : scalers) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a scaler failed: {}", e.toString());
            }
        }
    }
}
