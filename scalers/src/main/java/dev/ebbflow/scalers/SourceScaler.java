package dev.ebbflow.scalers;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every scaler that reads a source through a shared, leased client has in common: a fixed
 * metric spec, reads refused once closed, and a close that gives the lease back exactly once (a
 * double close must never release a shared connection twice).
 */
public abstract class SourceScaler implements Scaler {

    private final MetricSpec metricSpec;
    private final AtomicBoolean closed = new AtomicBoolean();

    protected SourceScaler(MetricSpec metricSpec) {
        this.metricSpec = metricSpec;
    }

    @Override
    public final MetricSpec metricSpec() {
        return metricSpec;
    }

    @Override
    public final ScalerReading read() throws ScalerException {
        ensureOpen();
        return readSource();
    }

    @Override
    public final ScalerReading readNow() throws ScalerException {
        ensureOpen();
        return readSourceNow();
    }

    private void ensureOpen() throws ScalerException {
        if (closed.get()) {
            throw new ScalerException("scaler " + metricSpec.metricName() + " is closed");
        }
    }

    /** One read of the source; only called while open. */
    protected abstract ScalerReading readSource() throws ScalerException;

    /**
     * One read of the source for a waiting caller (see {@link Scaler#readNow()}); only called while open.
     * The same as {@link #readSource()} unless the scaler's client queues reads.
     */
    protected ScalerReading readSourceNow() throws ScalerException {
        return readSource();
    }

    /** Gives back what the scaler holds; called once, on the first close. */
    protected abstract void release();

    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            release();
        }
    }

    /** KEDA's activation rule for most scalers: active only strictly above the activation threshold. */
    public static ScalerReading aboveActivation(double value, double activationTarget) {
        return new ScalerReading(value, value > activationTarget);
    }
}
