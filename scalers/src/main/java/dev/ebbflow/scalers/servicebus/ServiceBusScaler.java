package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import java.util.concurrent.atomic.AtomicBoolean;

/** An {@code azure-servicebus} trigger: the active message count, active strictly above activationMessageCount. */
public final class ServiceBusScaler implements Scaler {

    private final MetricSpec metricSpec;
    private final ActiveMessageReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    ServiceBusScaler(MetricSpec metricSpec, ActiveMessageReader reader) {
        this.metricSpec = metricSpec;
        this.reader = reader;
    }

    @Override
    public MetricSpec metricSpec() {
        return metricSpec;
    }

    @Override
    public ScalerReading read() throws ScalerException {
        if (closed.get()) {
            throw new ScalerException("scaler " + metricSpec.metricName() + " is closed");
        }
        double value = reader.read();
        return new ScalerReading(value, value > metricSpec.activationTarget());
    }

    /** Idempotent, so a double close never releases a shared client twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            reader.close();
        }
    }
}
