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
        return readRebuildingOnce(Scaler::read);
    }

    /** Passed on as such: answered by the wrapped scaler's {@code read()} it would wait behind the scale loop's polls again. */
    @Override
    public ScalerReading readNow() throws ScalerException {
        return readRebuildingOnce(Scaler::readNow);
    }

    private ScalerReading readRebuildingOnce(Read read) throws ScalerException {
        Scaler used = current;
        try {
            return read.of(used);
        } catch (ScalerException | RuntimeException first) {
            Scaler rebuilt = rebuild(used);
            if (rebuilt == null) {
                throw first;
            }
            return read.of(rebuilt);
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
