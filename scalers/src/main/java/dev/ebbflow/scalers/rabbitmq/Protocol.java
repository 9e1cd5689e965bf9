package dev.ebbflow.scalers.rabbitmq;

/** How a trigger talks to the broker: AMQP 0-9-1 or the management HTTP API. */
public enum Protocol {
    AMQP,
    HTTP
}
