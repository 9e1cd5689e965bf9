package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.ScalerException;

/** Reads one trigger's queue statistics from the broker over one protocol. */
interface QueueReader extends AutoCloseable {

    QueueStats read() throws ScalerException;

    /**
     * A read for the HPA, who waits on it (see {@link dev.ebbflow.scalers.Scaler#readNow()}). The same
     * as {@link #read()} for a protocol whose concurrent reads do not queue on one connection: the HTTP
     * client opens a connection per concurrent request (HTTP/1.1 has no multiplexing), so a live read
     * never waits behind a poll there.
     */
    default QueueStats readNow() throws ScalerException {
        return read();
    }

    @Override
    void close();
}
