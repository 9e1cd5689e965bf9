package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.scalers.ScalerException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * One AMQP connection per broker endpoint (address, vhost, user, password digest, TLS settings),
 * shared by every scaler that reads there and reference-counted by their leases. The connection
 * opens lazily on the first read, reopens on the next read after the broker dropped it, and closes
 * when the last lease is released.
 */
final class AmqpConnectionPool implements AutoCloseable {

    /** What makes two triggers able to share a connection; holds no secret, only a password digest. */
    record Endpoint(String host, int port, boolean tls, String vhost, String username, String passwordDigest, String tlsFingerprint) {
    }

    /** Timeouts of connection set-up and of each channel RPC, so a hung broker cannot stall a read for long. */
    record Settings(Duration connectTimeout, Duration rpcTimeout, Duration retryBackoff) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<Endpoint, Shared> shared = new HashMap<>();
    private boolean closed;

    AmqpConnectionPool(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    static Endpoint endpoint(RabbitMqMetadata m) {
        BrokerUrl b = m.broker();
        return new Endpoint(b.host(), b.port(), b.secure(), m.vhost(), m.credentials().username(),
                m.credentials().passwordDigest(), b.secure() ? m.tls().fingerprint() : "");
    }

    /** A lease on the connection for this trigger's endpoint; does not connect yet. */
    synchronized Lease acquire(RabbitMqMetadata m, SSLContext ssl) {
        if (closed) {
            throw new IllegalStateException("the rabbitmq scaler factory is closed");
        }
        Endpoint key = endpoint(m);
        Shared s = shared.computeIfAbsent(key, k -> new Shared(connectionFactory(m, ssl), m.credentials().password(), m.broker().redacted()));
        s.refs++;
        return new Lease(key, s);
    }

    /** Number of endpoints with at least one lease (each holds at most one connection). */
    synchronized int endpoints() {
        return shared.size();
    }

    private void release(Endpoint key, Shared s) {
        boolean last;
        synchronized (this) {
            last = --s.refs == 0;
            if (last) {
                shared.remove(key);
            }
        }
        // Outside the pool lock: closing may wait on a connect in progress, which must not stall other endpoints.
        if (last) {
            s.close();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        shared.values().forEach(Shared::close);
        shared.clear();
    }

    private ConnectionFactory connectionFactory(RabbitMqMetadata m, SSLContext ssl) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(m.broker().host());
        f.setPort(m.broker().port());
        f.setVirtualHost(m.vhost());
        if (m.credentials().username() != null) {
            f.setUsername(m.credentials().username());
            f.setPassword(m.credentials().password() == null ? "" : m.credentials().password());
        }
        // We reopen on the next read ourselves: the library's recovery would retry in the background
        // for scalers that may already be gone, and hide the outage from the read that should report it.
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        f.setConnectionTimeout((int) settings.connectTimeout.toMillis());
        f.setHandshakeTimeout((int) settings.connectTimeout.toMillis());
        f.setChannelRpcTimeout((int) settings.rpcTimeout.toMillis());
        f.setShutdownTimeout(0);
        if (m.broker().secure()) {
            f.useSslProtocol(ssl);
            if (!m.tls().unsafeSsl()) {
                f.enableHostnameVerification();
            }
        }
        return f;
    }

    /** A scaler's hold on a shared connection; {@link #close()} releases it exactly once. */
    final class Lease implements AutoCloseable {
        private final Endpoint key;
        private final Shared shared;
        private boolean released;

        private Lease(Endpoint key, Shared shared) {
            this.key = key;
            this.shared = shared;
        }

        /** The open connection, opening it if needed. */
        Connection connection() throws IOException, TimeoutException, ScalerException {
            return shared.open();
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release(key, shared);
            }
        }
    }

    /** One endpoint's connection. */
    private final class Shared {
        private final ConnectionFactory factory;
        private final String password;
        private final String where;
        private int refs; // guarded by the pool
        private Connection connection; // guarded by this
        private Instant failedAt; // guarded by this
        private String failure; // guarded by this
        private boolean closed; // guarded by this

        Shared(ConnectionFactory factory, String password, String where) {
            this.factory = factory;
            this.password = password;
            this.where = where;
        }

        synchronized Connection open() throws IOException, TimeoutException, ScalerException {
            if (closed) {
                throw new ScalerException("the connection to RabbitMQ at " + where + " was released");
            }
            if (connection != null && connection.isOpen()) {
                return connection;
            }
            // Right after a failed attempt, every scaler on this endpoint gets that failure at once
            // instead of each waiting out its own connect timeout in turn.
            Instant now = clock.instant();
            if (failedAt != null && now.isBefore(failedAt.plus(settings.retryBackoff))) {
                throw new ScalerException(failure + " (retrying after " + settings.retryBackoff.toMillis() + " ms)");
            }
            abortQuietly();
            try {
                connection = factory.newConnection("ebbflow-rabbitmq-scaler");
                failedAt = null;
                return connection;
            } catch (IOException | TimeoutException | RuntimeException e) {
                failedAt = now;
                failure = AmqpErrors.describeConnectFailure(e, where, factory.getVirtualHost(), factory.getUsername(), password);
                throw e;
            }
        }

        synchronized void close() {
            closed = true;
            abortQuietly();
        }

        private void abortQuietly() {
            if (connection != null) {
                // abort, not close: a dead broker must not make a release wait for a close-ok that never comes
                connection.abort(1000);
                connection = null;
            }
        }
    }
}
