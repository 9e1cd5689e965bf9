package dev.ebbflow.scalers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Clients shared by key and reference-counted by leases: every scaler that reads a source with the
 * same key (endpoint, credentials identity, ...) holds a lease on one client instead of owning its
 * own connection. A client is opened lazily, on the first {@link Lease#client()}, so creating a
 * scaler never reaches the source; it is closed when the last lease on its key is released, or when
 * the pool closes. A client that is no longer usable (a dropped connection) is evicted: closed, and
 * replaced by a fresh one on the next {@link Lease#client()} of any lease on that key, so a source
 * that comes back is read again without recreating the scalers.
 *
 * <p>Thread-safe. Opening happens under the key's own lock (never the pool's), so concurrent first
 * reads open exactly one client and a slow open never stalls the other keys.
 *
 * @param <K> what makes two triggers able to share a client; must never hold a secret, only digests
 * @param <C> the client
 */
public final class RefCountedPool<K, C> implements AutoCloseable {

    /** Opens a client; its failure is reported to the read that needed the client. */
    @FunctionalInterface
    public interface Opener<C> {
        C open() throws ScalerException;
    }

    /** Closes a client; failures are ignored, as the client is being dropped either way. */
    @FunctionalInterface
    public interface Closer<C> {
        void close(C client) throws Exception;
    }

    private final String owner;
    private final Closer<? super C> closer;
    private final Predicate<? super C> usable;
    private final Map<K, Entry> entries = new HashMap<>(); // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param owner names the pool's owner in errors, e.g. {@code the rabbitmq scaler factory}
     * @param closer closes a client that is released, evicted or closed with the pool
     * @param usable false for a client that broke (e.g. a dropped connection): it is evicted and replaced
     */
    public RefCountedPool(String owner, Closer<? super C> closer, Predicate<? super C> usable) {
        this.owner = owner;
        this.closer = closer;
        this.usable = usable;
    }

    /** A pool whose clients never break on their own. */
    public RefCountedPool(String owner, Closer<? super C> closer) {
        this(owner, closer, c -> true);
    }

    /**
     * A lease on the client of {@code key}; does not open it yet.
     *
     * @param opener opens the client of this key; only the first lease's opener of a key is kept,
     *     and it is also what reopens the client after an eviction
     * @throws IllegalStateException when the pool is closed
     */
    public synchronized Lease acquire(K key, Opener<? extends C> opener) {
        if (closed) {
            throw new IllegalStateException(owner + " is closed");
        }
        Entry e = entries.computeIfAbsent(key, k -> new Entry(opener));
        e.refs++;
        return new Lease(key, e);
    }

    /** Keys with at least one lease (each holds at most one open client). */
    public synchronized int size() {
        return entries.size();
    }

    /** Closes every client; leases still held answer {@link Lease#client()} with an error. */
    @Override
    public void close() {
        List<Entry> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(entries.values());
            entries.clear();
        }
        // Outside the pool lock: closing may wait on an open in progress, which must not stall acquire/release.
        open.forEach(Entry::close);
    }

    private void release(K key, Entry e) {
        boolean last;
        synchronized (this) {
            last = --e.refs == 0 && entries.remove(key, e);
        }
        if (last) {
            e.close();
        }
    }

    private void closeQuietly(C client) {
        if (client == null) {
            return;
        }
        try {
            closer.close(client);
        } catch (Exception ignored) {
            // The client is dropped either way; its failure to close holds no lesson for any trigger.
        }
    }

    /** A scaler's hold on the client of one key; {@link #close()} releases it exactly once. */
    public final class Lease implements AutoCloseable {
        private final K key;
        private final Entry entry;
        private boolean released; // guarded by this

        private Lease(K key, Entry entry) {
            this.key = key;
            this.entry = entry;
        }

        /**
         * The shared client, opened now if it is not open yet or is no longer usable.
         *
         * @throws ScalerException the opener's failure, or the pool was closed under this lease
         */
        public C client() throws ScalerException {
            return entry.client();
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release(key, entry);
            }
        }
    }

    /** One key's client and the leases on it. */
    private final class Entry {
        private final Opener<? extends C> opener;
        private int refs; // guarded by the pool
        private volatile C client; // written under this
        private boolean closed; // guarded by this

        Entry(Opener<? extends C> opener) {
            this.opener = opener;
        }

        C client() throws ScalerException {
            C c = client;
            if (c != null && usable.test(c)) {
                return c; // the common read: no lock
            }
            synchronized (this) {
                if (closed) {
                    throw new ScalerException("the client was closed with " + owner);
                }
                c = client;
                if (c != null && usable.test(c)) {
                    return c; // another lease replaced it while this one waited
                }
                client = null;
                closeQuietly(c);
                c = opener.open();
                client = c;
                return c;
            }
        }

        void close() {
            C c;
            synchronized (this) {
                closed = true;
                c = client;
                client = null;
            }
            closeQuietly(c);
        }
    }
}
