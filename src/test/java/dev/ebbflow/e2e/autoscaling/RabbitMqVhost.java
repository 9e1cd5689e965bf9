package dev.ebbflow.e2e.autoscaling;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A throw-away vhost on the real broker of the test environment ({@code EBBFLOW_RABBITMQ_AMQP_URL} and
 * {@code EBBFLOW_RABBITMQ_HTTP_URL}, by default the loopback broker), so fixed queue names such as the
 * example's "orders" meet no other test's queues. The broker must answer: the constructor fails, it never skips.
 */
final class RabbitMqVhost implements AutoCloseable {

    static final String AMQP_URL = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
    static final String HTTP_URL = env("EBBFLOW_RABBITMQ_HTTP_URL", "http://guest:guest@127.0.0.1:15672/");

    private final String name = "ebbflow-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    // HTTP/1.1: the JDK client's h2c upgrade attempt is refused by the management API.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Connection connection;
    private final Channel channel;

    RabbitMqVhost() throws Exception {
        management("PUT", "/api/vhosts/" + encodedName(), "{}");
        management("PUT", "/api/permissions/" + encodedName() + "/" + URI.create(AMQP_URL).getUserInfo().split(":")[0],
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqpUrl());
        factory.setConnectionTimeout(5000);
        connection = factory.newConnection("ebbflow-e2e");
        channel = connection.createChannel();
    }

    /** The AMQP URL of this vhost, as a Secret of the trigger would hold it. */
    String amqpUrl() {
        return withoutTrailingSlash(AMQP_URL) + "/" + name;
    }

    void declare(String queue) throws IOException {
        channel.queueDeclare(queue, true, false, false, null);
    }

    void publish(String queue, int messages) throws IOException {
        for (int i = 0; i < messages; i++) {
            channel.basicPublish("", queue, null, ("message " + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Publishes and waits until the broker has confirmed every message: they are in the queue when this returns. */
    void publishConfirmed(String queue, int messages) throws Exception {
        try (Channel confirmed = connection.createChannel()) {
            confirmed.confirmSelect();
            for (int i = 0; i < messages; i++) {
                confirmed.basicPublish("", queue, null, ("message " + i).getBytes(StandardCharsets.UTF_8));
            }
            confirmed.waitForConfirmsOrDie(30_000);
        }
    }

    void purge(String queue) throws IOException {
        channel.queuePurge(queue);
    }

    /** Ready messages in the queue, as the broker counts them now. */
    long depth(String queue) throws IOException {
        return channel.messageCount(queue);
    }

    @Override
    public void close() throws Exception {
        try {
            connection.close();
        } finally {
            management("DELETE", "/api/vhosts/" + encodedName(), null);
        }
    }

    private String encodedName() {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private void management(String method, String path, String body) throws IOException, InterruptedException {
        URI base = URI.create(HTTP_URL);
        String auth = "Basic " + Base64.getEncoder().encodeToString(base.getUserInfo().getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(withoutTrailingSlash(HTTP_URL) + path))
                .header("Authorization", auth).header("content-type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw new IllegalStateException("RabbitMQ management API at " + base.getHost() + ":" + base.getPort() + " answered "
                    + response.statusCode() + " to " + method + " " + path + ": " + response.body()
                    + " (is the broker of the test environment running? see scripts/test.sh)");
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
