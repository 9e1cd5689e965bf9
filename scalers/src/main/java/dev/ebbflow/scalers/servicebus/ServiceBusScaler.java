package dev.ebbflow.scalers.servicebus;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.SourceScaler;

/** An {@code azure-servicebus} trigger: the active message count, active strictly above activationMessageCount. */
public final class ServiceBusScaler extends SourceScaler {

    private final ActiveMessageReader reader;

    ServiceBusScaler(MetricSpec metricSpec, ActiveMessageReader reader) {
        super(metricSpec);
        this.reader = reader;
    }

    @Override
    protected ScalerReading readSource() throws ScalerException {
        return aboveActivation(reader.read(), metricSpec().activationTarget());
    }

    @Override
    protected void release() {
        reader.close();
    }
}
