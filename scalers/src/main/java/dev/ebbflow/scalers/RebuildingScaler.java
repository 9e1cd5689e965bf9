package dev.ebbflow.scalers;

/**
 * A scaler that, when a read fails, is rebuilt once (a new scaler from the same trigger, so a new client or
 * connection lease) and read again before the failure counts, as KEDA refreshes a failing scaler. Reads may
 * come from several threads: only the first to see a given scaler fail rebuilds it, the others read the new one.
 */
public final class RebuildingScaler implements Scaler {

    /** Builds the trigger's scaler again. */
    @FunctionalInterface
    public interface Builder {
        Scaler build() throws ScalerConfigException;
    }

    private final Builder builder;
    private volatile Scaler current; // replaced under this
    private boolean closed; // guarded by this

    public RebuildingScaler(Scaler first, Builder builder) {
        this.current = first;
        this.builder = builder;
    }

    @Override
    public MetricSpec metricSpec() {
        return current.metricSpec();
    }

    @Override
    public ScalerReading read() throws ScalerException {
        Scaler used = current;
        try {
            return used.read();
        } catch (ScalerException | RuntimeException first) {
            Scaler rebuilt = rebuild(used);
            if (rebuilt == null) {
                throw first;
            }
            return rebuilt.read();
        }
    }

    /** The scaler to retry with, or null when the trigger cannot be built again (the first failure stands). */
    private synchronized Scaler rebuild(Scaler failed) {
        if (closed) {
            return null;
        }
        if (current != failed) {
            return current; // another reader rebuilt it meanwhile
        }
        // Built before the failed one is closed, so that a trigger that cannot be built now keeps a working scaler object.
        Scaler rebuilt;
        try {
            rebuilt = builder.build();
        } catch (ScalerConfigException | RuntimeException e) {
            return null;
        }
        current = rebuilt;
        failed.close();
        return rebuilt;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            current.close();
        }
    }
}
