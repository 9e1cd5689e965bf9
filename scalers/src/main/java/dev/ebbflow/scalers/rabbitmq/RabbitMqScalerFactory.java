package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerFactory;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Clock;
import javax.net.ssl.SSLContext;

/**
 * The {@code rabbitmq} trigger type. One instance per operator: it owns the shared AMQP connections
 * (per broker endpoint and credentials, one for the scale loop's polls and one for the HPA's live
 * reads) and the HTTP clients (one per TLS configuration), so many triggers on one broker cost two
 * connections, not one each.
 */
public final class RabbitMqScalerFactory implements ScalerFactory {

    public static final String TYPE = "rabbitmq";

    private final AmqpConnectionPool amqp;
    private final HttpClientPool http = new HttpClientPool();
    private final SslContexts sslContexts = new SslContexts();

    /** Used by {@link java.util.ServiceLoader}. */
    public RabbitMqScalerFactory() {
        this(AmqpConnectionPool.Settings.DEFAULT, Clock.systemUTC());
    }

    RabbitMqScalerFactory(AmqpConnectionPool.Settings settings, Clock clock) {
        this.amqp = new AmqpConnectionPool(settings, clock);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** KEDA's Go type name of this scaler, the {@code scaler} label of its metrics. */
    @Override
    public String kedaScalerName() {
        return "rabbitMQScaler";
    }

    @Override
    public Scaler create(TriggerConfig config) throws ScalerConfigException {
        RabbitMqMetadata m = RabbitMqMetadataParser.parse(config);
        SSLContext ssl = m.broker().secure() || m.tls().enabled() ? sslContexts.forSettings(m.tls()) : null;
        QueueReader reader = switch (m.protocol()) {
            case AMQP -> new AmqpQueueReader(m, amqp.acquire(m, ssl));
            case HTTP -> new HttpQueueReader(m, http.client(m.tls().fingerprint(), m.broker().secure() ? ssl : null));
        };
        MetricSpec spec = new MetricSpec(MetricNames.forQueue(config.index(), m.queueName()), m.value(), m.activationValue(), config.metricType());
        return new RabbitMqScaler(spec, m.mode(), reader);
    }

    /** Broker endpoints currently leased by open scalers (each has at most two AMQP connections, polls and live). */
    int amqpEndpoints() {
        return amqp.endpoints();
    }

    int httpClients() {
        return http.size();
    }

    @Override
    public void close() {
        amqp.close();
    }
}
