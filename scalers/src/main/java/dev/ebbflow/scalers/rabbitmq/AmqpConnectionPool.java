package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.scalers.RefCountedPool;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Two AMQP connections per broker endpoint (address, vhost, user, password digest, TLS settings),
 * shared by every scaler that reads there and reference-counted by their leases: one for the scale
 * loop's polls, one for the HPA's live reads. Reads on one connection queue behind each other (one
 * socket, one frame reader on each side), so a live read for a waiting HPA would otherwise land
 * behind a burst of polls. Each connection opens lazily on its first read (the live one only if the
 * HPA ever reads live), reopens on the next read after the broker dropped it, and closes when the
 * last lease is released. The broker's management API tells them apart by name.
 */
final class AmqpConnectionPool implements AutoCloseable {

    /** What makes two triggers able to share a connection; holds no secret, only a password digest. */
    record Endpoint(String host, int port, boolean tls, String vhost, String username, String passwordDigest, String tlsFingerprint) {
    }

    /**
     * Timeouts of connection set-up and of each channel RPC, so a hung broker cannot stall a read for
     * long; how long a failed connect is repeated to every read before the next attempt; and how many
     * channels each connection keeps open between reads (about the number of concurrent reads).
     */
    record Settings(Duration connectTimeout, Duration rpcTimeout, Duration retryBackoff, int maxIdleChannels) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));

        Settings {
            if (maxIdleChannels < 1) {
                throw new IllegalArgumentException("maxIdleChannels must be at least 1, was " + maxIdleChannels);
            }
        }

        Settings(Duration connectTimeout, Duration rpcTimeout, Duration retryBackoff) {
            this(connectTimeout, rpcTimeout, retryBackoff, 8);
        }
    }

    /** The connection of one use, named so the broker's connection list tells them apart. */
    enum Use {
        POLLS("ebbflow-rabbitmq-scaler"),
        LIVE("ebbflow-rabbitmq-scaler-live");

        final String connectionName;

        Use(String connectionName) {
            this.connectionName = connectionName;
        }
    }

    /** One trigger's leases on its endpoint's two connections; closing releases both. */
    record Leases(RefCountedPool<Endpoint, SharedAmqpConnection>.Lease polls, RefCountedPool<Endpoint, SharedAmqpConnection>.Lease live)
            implements AutoCloseable {
        @Override
        public void close() {
            polls.close();
            live.close();
        }
    }

    private static RefCountedPool<Endpoint, SharedAmqpConnection> newPool() {
        return new RefCountedPool<>("the rabbitmq scaler factory", SharedAmqpConnection::close, SharedAmqpConnection::isOpen);
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<Use, RefCountedPool<Endpoint, SharedAmqpConnection>> pools = new EnumMap<>(Map.of(Use.POLLS, newPool(), Use.LIVE, newPool()));

    AmqpConnectionPool(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    static Endpoint endpoint(RabbitMqMetadata m) {
        BrokerUrl b = m.broker();
        return new Endpoint(b.host(), b.port(), b.secure(), m.vhost(), m.credentials().username(),
                m.credentials().passwordDigest(), b.secure() ? m.tls().fingerprint() : "");
    }

    /** Leases on both connections of this trigger's endpoint; connects neither yet. */
    Leases acquire(RabbitMqMetadata m, SSLContext ssl) {
        ConnectionFactory factory = connectionFactory(m, ssl);
        return new Leases(acquire(Use.POLLS, m, factory), acquire(Use.LIVE, m, factory));
    }

    private RefCountedPool<Endpoint, SharedAmqpConnection>.Lease acquire(Use use, RabbitMqMetadata m, ConnectionFactory factory) {
        // One connector per endpoint and use (the pool keeps the first lease's), so its failure backoff outlives reconnects.
        AmqpConnector connector = new AmqpConnector(factory, use.connectionName, m.credentials().password(),
                m.broker().redacted(), settings.retryBackoff(), settings.maxIdleChannels(), clock);
        return pools.get(use).acquire(endpoint(m), connector::connect);
    }

    /** Number of endpoints with at least one lease (each holds at most one connection per use). */
    int endpoints() {
        return pools.get(Use.POLLS).size();
    }

    @Override
    public void close() {
        pools.values().forEach(RefCountedPool::close);
    }

    ConnectionFactory connectionFactory(RabbitMqMetadata m, SSLContext ssl) {
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
        f.setConnectionTimeout((int) settings.connectTimeout().toMillis());
        f.setHandshakeTimeout((int) settings.connectTimeout().toMillis());
        f.setChannelRpcTimeout((int) settings.rpcTimeout().toMillis());
        f.setShutdownTimeout(0);
        if (m.broker().secure()) {
            f.useSslProtocol(ssl);
            if (!m.tls().unsafeSsl()) {
                f.enableHostnameVerification();
            }
            if (m.tls().enabled() && m.tls().cert() != null) {
                // As KEDA: a client certificate is the identity, so the login is SASL EXTERNAL, not the user and password.
                f.setSaslConfig(com.rabbitmq.client.DefaultSaslConfig.EXTERNAL);
            }
        }
        return f;
    }
}
