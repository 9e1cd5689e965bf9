package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.AggregationOperation;
import java.time.Duration;

/**
 * A {@code rabbitmq} trigger after validation. {@link #toString()} is safe to log: credentials
 * and TLS keys print masked.
 *
 * @param broker where the broker is; its own credentials are already folded into {@code credentials}
 * @param vhost the virtual host to read from ({@code vhostName} when given, else the one in {@code host})
 * @param credentials user and password ({@code username}/{@code password} parameters override the URL's)
 * @param timeout per-request timeout of the management API (http only)
 */
public record RabbitMqMetadata(
        Protocol protocol,
        Mode mode,
        double value,
        double activationValue,
        String queueName,
        BrokerUrl broker,
        String vhost,
        Credentials credentials,
        boolean useRegex,
        AggregationOperation operation,
        int pageSize,
        boolean excludeUnacknowledged,
        Duration timeout,
        TlsSettings tls) {

    /** KEDA's target when a trigger gives neither {@code value} nor {@code queueLength}. */
    public static final double DEFAULT_QUEUE_LENGTH = 20;
    /** KEDA's {@code pageSize} default for regex queries. */
    public static final int DEFAULT_PAGE_SIZE = 100;
    /** KEDA's default HTTP timeout ({@code KEDA_HTTP_DEFAULT_TIMEOUT}). */
    public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofMillis(3000);
}
