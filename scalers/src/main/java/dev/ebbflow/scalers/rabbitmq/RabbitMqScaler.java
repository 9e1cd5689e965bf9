package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.SourceScaler;

/** A {@code rabbitmq} trigger: reads the queue through its protocol's reader and applies its mode. */
public final class RabbitMqScaler extends SourceScaler {

    private final Mode mode;
    private final QueueReader reader;

    RabbitMqScaler(MetricSpec metricSpec, Mode mode, QueueReader reader) {
        super(metricSpec);
        this.mode = mode;
        this.reader = reader;
    }

    @Override
    protected ScalerReading readSource() throws ScalerException {
        return mode.reading(reader.read(), metricSpec().activationTarget());
    }

    @Override
    protected ScalerReading readSourceNow() throws ScalerException {
        return mode.reading(reader.readNow(), metricSpec().activationTarget());
    }

    @Override
    protected void release() {
        reader.close();
    }
}
