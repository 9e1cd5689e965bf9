package dev.ebbflow.operator.jobs.controller;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The real RabbitMQ broker of the test environment (EBBFLOW_RABBITMQ_AMQP_URL, else loopback).
 * Construction fails when the broker does not answer: these tests never skip.
 */
final class Broker implements AutoCloseable {

    static final String AMQP_URL = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");

    private final Connection connection;
    private final Channel channel;

    Broker() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        // The Java client reads a trailing "/" as the empty vhost; the broker's default vhost is "/".
        factory.setUri(AMQP_URL.endsWith("/") ? AMQP_URL.substring(0, AMQP_URL.length() - 1) : AMQP_URL);
        factory.setConnectionTimeout(5000);
        connection = factory.newConnection("ebbflow-scaledjob-tests");
        channel = connection.createChannel();
    }

    /** A fresh auto-delete queue, so runs and parallel tests never share one. */
    String queue() throws Exception {
        String name = "ebbflow-sj-" + UUID.randomUUID().toString().substring(0, 8);
        channel.queueDeclare(name, false, false, true, null);
        return name;
    }

    void publish(String queue, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            channel.basicPublish("", queue, null, ("build-" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    void purge(String queue) throws Exception {
        channel.queuePurge(queue);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
