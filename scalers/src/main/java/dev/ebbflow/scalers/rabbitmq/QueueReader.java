package dev.ebbflow.scalers.rabbitmq;

import dev.ebbflow.scalers.ScalerException;

/** Reads one trigger's metric value from the broker over one protocol. */
interface QueueReader extends AutoCloseable {

    double read() throws ScalerException;

    @Override
    void close();
}
