package dev.ebbflow.scalers;

/**
 * One trigger of a ScaledObject or ScaledJob, bound to its source.
 *
 * <p>A scaler is created once per trigger and polled many times; it may hold a lease on a shared
 * connection (see {@link ScalerFactory}), which {@link #close()} gives back. Implementations must be
 * safe to call from several threads, since the external metrics API and the scale loop both read.
 */
public interface Scaler extends AutoCloseable {

    /** The external metric this trigger exposes to the HPA, with its target. */
    MetricSpec metricSpec();

    /**
     * Reads the source once.
     *
     * @throws ScalerException when the source cannot be read; the message must never contain a
     *     credential, since it ends up in status conditions, Events and logs.
     */
    ScalerReading read() throws ScalerException;

    /**
     * Reads the source once for a caller that is waiting on the answer: the HPA, through the external
     * metrics API, when the reading is not served from the scale loop's last one. A scaler whose
     * {@link #read()}s share a client on which reads queue behind one another (one broker connection)
     * reads here through a separate one, so that this read never waits behind a burst of the scale
     * loop's polls. By default the same as {@link #read()}: most clients do not queue reads.
     *
     * @throws ScalerException as {@link #read()}
     */
    default ScalerReading readNow() throws ScalerException {
        return read();
    }

    /** {@link #read()} or {@link #readNow()}, for code that wraps a read and is given which one to make. */
    @FunctionalInterface
    interface Read {
        ScalerReading of(Scaler scaler) throws ScalerException;
    }

    /** Releases what this scaler holds; shared connections stay open while others use them. */
    @Override
    void close();
}
