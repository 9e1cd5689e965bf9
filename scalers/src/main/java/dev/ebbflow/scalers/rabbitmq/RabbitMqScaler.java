package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@code rabbitmq} trigger: reads through its protocol's reader and applies the activation threshold. */
public final class RabbitMqScaler implements Scaler {

    private final MetricSpec metricSpec;
    private final QueueReader reader;
    private final AtomicBoolean closed = new AtomicBoolean();

    RabbitMqScaler(MetricSpec metricSpec, QueueReader reader) {
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
        return reading(reader.read(), metricSpec.activationTarget());
    }

    /** KEDA's activation rule: active only strictly above activationValue. */
    static ScalerReading reading(double value, double activationValue) {
        return new ScalerReading(value, value > activationValue);
    }

    /** Idempotent, so a double close never releases a shared connection twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            reader.close();
        }
    }
}
