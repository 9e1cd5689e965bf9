package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ebbflow.scalers.ScalerException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Reads the ready-message count with a passive queue declare on a short-lived channel of the shared
 * connection. A missing queue closes only that channel (404), never the connection the others use.
 */
final class AmqpQueueReader implements QueueReader {

    private static final int NOT_FOUND = 404;

    private final RabbitMqMetadata metadata;
    private final AmqpConnectionPool.Lease lease;

    AmqpQueueReader(RabbitMqMetadata metadata, AmqpConnectionPool.Lease lease) {
        this.metadata = metadata;
        this.lease = lease;
    }

    @Override
    public double read() throws ScalerException {
        String where = metadata.broker().redacted();
        String password = metadata.credentials().password();
        Channel channel = null;
        try {
            try {
                channel = lease.connection().createChannel();
            } catch (IOException | TimeoutException | RuntimeException e) {
                throw new ScalerException(AmqpErrors.describeConnectFailure(e, where, metadata.vhost(),
                        metadata.credentials().username(), password));
            }
            if (channel == null) {
                throw new ScalerException("RabbitMQ at " + where + " has no free channel on the shared connection");
            }
            return channel.queueDeclarePassive(metadata.queueName()).getMessageCount();
        } catch (IOException | RuntimeException e) {
            throw new ScalerException(describeReadFailure(e, where, password));
        } finally {
            closeQuietly(channel);
        }
    }

    private String describeReadFailure(Exception e, String where, String password) {
        ShutdownSignalException closed = AmqpErrors.shutdownCause(e);
        if (closed != null && closed.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == NOT_FOUND) {
            return "queue '" + metadata.queueName() + "' not found in vhost '" + metadata.vhost() + "' at " + where;
        }
        if (closed != null && !closed.isInitiatedByApplication() && closed.isHardError()) {
            return "the connection to RabbitMQ at " + where + " was lost; it is reopened on the next read ("
                    + Redaction.describe(closed, password) + ")";
        }
        return "reading queue '" + metadata.queueName() + "' at " + where + " failed: " + Redaction.describe(e, password);
    }

    private static void closeQuietly(Channel channel) {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException ignored) {
                // the channel is gone either way; the shared connection is what matters
            }
        }
    }

    @Override
    public void close() {
        lease.close();
    }
}
