package dev.ebbflow.scalers.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One broker connection shared by every trigger of an endpoint (the scale loop's polls or the HPA's
 * live reads, see {@link AmqpConnectionPool}), with a few idle channels kept open
 * between reads: a read borrows a channel (opening one only when none is idle), passively declares
 * its queue and gives the channel back, so a read costs one broker round trip instead of three
 * (channel.open, queue.declare, channel.close). A channel serves one read at a time, since amqp-client
 * channels are not meant for concurrent use; concurrent reads each borrow their own.
 */
final class SharedAmqpConnection {

    private final Connection connection;
    private final BlockingDeque<Channel> idle;
    private final AtomicInteger channelsOpened = new AtomicInteger();

    /** @param maxIdleChannels channels kept open between reads; more concurrent reads open and close extra ones */
    SharedAmqpConnection(Connection connection, int maxIdleChannels) {
        this.connection = connection;
        this.idle = new LinkedBlockingDeque<>(maxIdleChannels);
    }

    /**
     * The queue's ready-message count. A failed read never gives its channel back: a missing queue
     * (404) has closed it already, and any other failure leaves it in a state not worth trusting.
     */
    long readyMessages(String queue) throws IOException {
        Channel channel = borrow();
        try {
            long count = channel.queueDeclarePassive(queue).getMessageCount();
            // LIFO: the channel used last stays warm; a full idle list closes the extra one.
            if (!idle.offerFirst(channel)) {
                closeQuietly(channel);
            }
            return count;
        } catch (IOException e) {
            if (AmqpErrors.timedOut(e)) {
                // The broker or network hangs: abort the connection, which needs no answer, unlike a
                // channel close that would wait for a close-ok; the next read then reconnects.
                connection.abort(0);
            } else {
                closeQuietly(channel);
            }
            throw e;
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private Channel borrow() throws IOException {
        for (Channel c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (c.isOpen()) {
                return c;
            }
        }
        Channel c = connection.createChannel();
        if (c == null) {
            throw new IOException("no free channel on the shared connection");
        }
        channelsOpened.incrementAndGet();
        return c;
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    /** Channels opened over this connection's life: the seam that shows reads reuse them. */
    int channelsOpened() {
        return channelsOpened.get();
    }

    /** Abort, not close: a dead broker must not make a release wait for a close-ok that never comes; it closes the channels too. */
    void close() {
        connection.abort(1000);
        idle.clear();
    }

    private static void closeQuietly(Channel channel) {
        if (channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException ignored) {
                // the channel is gone either way; the shared connection is what matters
            }
        }
    }
}
