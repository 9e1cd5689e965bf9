package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.scalers.ScalerException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Opens one shared connection of a broker endpoint (the polls' or the live reads'), and remembers
 * its last failure: right after a failed attempt, every scaler on this endpoint gets that failure at
 * once instead of each waiting out its own connect timeout in turn.
 */
final class AmqpConnector {

    private final ConnectionFactory factory;
    private final String connectionName;
    private final String password;
    private final String where;
    private final Duration retryBackoff;
    private final int maxIdleChannels;
    private final Clock clock;
    private Instant failedAt; // guarded by this
    private String failure; // guarded by this

    /** @param connectionName shown in the broker's connection list, to tell the polls' connection from the live reads' */
    AmqpConnector(ConnectionFactory factory, String connectionName, String password, String where, Duration retryBackoff, int maxIdleChannels,
            Clock clock) {
        this.factory = factory;
        this.connectionName = connectionName;
        this.password = password;
        this.where = where;
        this.retryBackoff = retryBackoff;
        this.maxIdleChannels = maxIdleChannels;
        this.clock = clock;
    }

    synchronized SharedAmqpConnection connect() throws ScalerException {
        Instant now = clock.instant();
        if (failedAt != null && now.isBefore(failedAt.plus(retryBackoff))) {
            throw new ScalerException(failure + " (retrying after " + retryBackoff.toMillis() + " ms)");
        }
        try {
            SharedAmqpConnection c = new SharedAmqpConnection(factory.newConnection(connectionName), maxIdleChannels);
            failedAt = null;
            return c;
        } catch (IOException | TimeoutException | RuntimeException e) {
            failedAt = now;
            failure = AmqpErrors.describeConnectFailure(e, where, factory.getVirtualHost(), factory.getUsername(), password);
            throw new ScalerException(failure);
        }
    }
}
