package dev.ebbflow.operator.autoscaling;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Queues on the real broker of the test environment (EBBFLOW_RABBITMQ_AMQP_URL, by default the
 * loopback broker). The broker must answer: the constructor fails, it never skips.
 */
public final class RabbitQueues implements AutoCloseable {

    public static final String AMQP_URL = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");

    /** {@link #AMQP_URL} with another password: a URL the broker refuses. */
    public static String amqpUrlWithPassword(String password) {
        return AMQP_URL.replaceFirst("//([^:@/]+):([^@/]+)@", "//$1:" + password + "@");
    }

    private final Connection connection;
    private final Channel channel;

    public RabbitQueues() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        // The Java client reads a trailing "/" as the empty vhost; the broker's default vhost is "/".
        factory.setUri(AMQP_URL.endsWith("/") ? AMQP_URL.substring(0, AMQP_URL.length() - 1) : AMQP_URL);
        factory.setConnectionTimeout(5000);
        connection = factory.newConnection("ebbflow-operator-tests");
        channel = connection.createChannel();
    }

    public String declare() throws Exception {
        return declare("ebbflow-so-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public String declare(String name) throws Exception {
        channel.queueDeclare(name, false, false, true, null);
        return name;
    }

    public void publish(String queue, int messages) throws Exception {
        for (int i = 0; i < messages; i++) {
            channel.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    public void purge(String queue) throws Exception {
        channel.queuePurge(queue);
    }

    public void delete(String queue) throws Exception {
        channel.queueDelete(queue);
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
