package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import dev.ebbflow.scalers.RefCountedPool;
import dev.ebbflow.scalers.ScalerException;
import java.io.IOException;

/**
 * Reads the ready-message count with a passive queue declare on a pooled channel of a shared
 * connection: the endpoint's polls connection for the scale loop, its live one for the HPA. A missing
 * queue closes only that channel (404), never the connection the others use.
 */
final class AmqpQueueReader implements QueueReader {

    private static final int NOT_FOUND = 404;

    private final RabbitMqMetadata metadata;
    private final AmqpConnectionPool.Leases leases;

    AmqpQueueReader(RabbitMqMetadata metadata, AmqpConnectionPool.Leases leases) {
        this.metadata = metadata;
        this.leases = leases;
    }

    @Override
    public QueueStats read() throws ScalerException {
        return readThrough(leases.polls());
    }

    @Override
    public QueueStats readNow() throws ScalerException {
        return readThrough(leases.live());
    }

    private QueueStats readThrough(RefCountedPool<AmqpConnectionPool.Endpoint, SharedAmqpConnection>.Lease lease) throws ScalerException {
        SharedAmqpConnection connection = lease.client();
        try {
            return QueueStats.messagesOnly(connection.readyMessages(metadata.queueName()));
        } catch (IOException | RuntimeException e) {
            throw new ScalerException(describeReadFailure(e));
        }
    }

    private String describeReadFailure(Exception e) {
        String where = metadata.broker().redacted();
        String password = metadata.credentials().password();
        ShutdownSignalException closed = AmqpErrors.shutdownCause(e);
        if (closed != null && closed.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == NOT_FOUND) {
            return "queue '" + metadata.queueName() + "' not found in vhost '" + metadata.vhost() + "' at " + where;
        }
        if (closed != null && !closed.isInitiatedByApplication() && closed.isHardError()) {
            return "the connection to RabbitMQ at " + where + " was lost; it is reopened on the next read ("
                    + Redaction.describe(closed, password) + ")";
        }
        if (AmqpErrors.timedOut(e)) {
            return "RabbitMQ at " + where + " did not answer reading queue '" + metadata.queueName()
                    + "' in time; the connection is reopened on the next read";
        }
        return "reading queue '" + metadata.queueName() + "' at " + where + " failed: " + Redaction.describe(e, password);
    }

    @Override
    public void close() {
        leases.close();
    }
}
