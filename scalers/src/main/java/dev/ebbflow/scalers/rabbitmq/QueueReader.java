package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.ScalerException;

/** Reads one trigger's queue statistics from the broker over one protocol. */
interface QueueReader extends AutoCloseable {

    QueueStats read() throws ScalerException;

    @Override
    void close();
}
