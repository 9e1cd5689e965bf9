package dev.ebbflow.scalers.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.TriggerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The real broker the tests run against: a throw-away vhost and user created through the
 * management API (so parallel test runs never see each other's queues or connections), removed in
 * {@link #close()}. The broker must answer: nothing here skips a test when it does not.
 */
final class BrokerFixture implements AutoCloseable {

    static final String AMQP_URL = env("EBBFLOW_RABBITMQ_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/");
    static final String HTTP_URL = env("EBBFLOW_RABBITMQ_HTTP_URL", "http://guest:guest@127.0.0.1:15672/");

    private static final ObjectMapper JSON = new ObjectMapper();

    final String vhost = "ebbflow-test-" + UUID.randomUUID().toString().substring(0, 8);
    final String user = "ebbflow-user-" + UUID.randomUUID().toString().substring(0, 8);
    final String password = "pw-" + UUID.randomUUID();

    private final BrokerUrl amqp = BrokerUrl.parse(AMQP_URL);
    private final BrokerUrl http = BrokerUrl.parse(HTTP_URL);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String adminAuth;
    private final Connection publisher;

    BrokerFixture() throws Exception {
        Credentials admin = http.credentials();
        adminAuth = "Basic " + Base64.getEncoder().encodeToString((admin.username() + ":" + admin.password()).getBytes(StandardCharsets.UTF_8));
        put("/api/vhosts/" + UrlEncoding.encode(vhost), "{}");
        addUser(user, password);
        publisher = connect();
    }

    private final List<String> users = new ArrayList<>();

    /** Another user with full rights on the test vhost (tag "management": the HTTP API refuses untagged users), so a test can count only its own connections. */
    String addUser() throws Exception {
        String name = "ebbflow-user-" + UUID.randomUUID().toString().substring(0, 8);
        addUser(name, password);
        return name;
    }

    private void addUser(String name, String pw) throws Exception {
        put("/api/users/" + UrlEncoding.encode(name), "{\"password\":\"" + pw + "\",\"tags\":\"management\"}");
        users.add(name);
        put("/api/permissions/" + UrlEncoding.encode(vhost) + "/" + UrlEncoding.encode(name), "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    /** A fresh connection to the test vhost as the test user (for publishing and consuming). */
    Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(amqp.host());
        f.setPort(amqp.port());
        f.setVirtualHost(vhost);
        f.setUsername(user);
        f.setPassword(password);
        return f.newConnection("ebbflow-test-publisher");
    }

    /** A {@code rabbitmq} trigger's scaler that reads {@code queue} at {@code host} as {@code username}. */
    Scaler scaler(RabbitMqScalerFactory factory, String username, String host, String queue) throws Exception {
        return factory.create(new TriggerConfig(0, "rabbitmq", null, Map.of("host", host, "queueName", queue),
                Map.of("username", username, "password", password), null, MetricTargetType.AVERAGE_VALUE));
    }

    /** amqp://host:port/<vhost>, without credentials (tests pass them as auth parameters). */
    String amqpHost(String vhostInUrl) {
        return amqp.redacted() + "/" + UrlEncoding.encode(vhostInUrl);
    }

    String httpHost(String vhostInUrl) {
        return http.redacted() + http.httpPathPrefix() + "/" + UrlEncoding.encode(vhostInUrl);
    }

    void declareQueue(String queue) throws Exception {
        try (Channel ch = publisher.createChannel()) {
            ch.queueDeclare(queue, false, false, false, null);
        }
    }

    void publish(String queue, int count) throws Exception {
        try (Channel ch = publisher.createChannel()) {
            ch.confirmSelect();
            for (int i = 0; i < count; i++) {
                ch.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(5000);
        }
    }

    /**
     * Publishes one message to {@code queue} every 20 ms (about 50 a second, enough for the management
     * API to report a rate) on its own connection, until the returned handle is closed.
     */
    AutoCloseable publishSteadily(String queue) throws Exception {
        Connection connection = connect();
        Channel channel = connection.createChannel();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            try {
                while (running.get()) {
                    channel.basicPublish("", queue, null, new byte[] {1});
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                if (running.get()) {
                    throw new IllegalStateException("steady publishing to " + queue + " stopped", e);
                }
            }
        }, "steady-publisher-" + queue);
        publisher.start();
        return () -> {
            running.set(false);
            publisher.join(5000);
            connection.close();
        };
    }

    /** Names of the broker's client connections opened by {@code username} (as listed by the management API). */
    List<String> connectionsOf(String username) throws Exception {
        return namesOf("/api/connections", username, c -> c.path("name").asText());
    }

    /** The names clients gave their connections (AMQP's {@code connection_name}), for connections of {@code username}. */
    List<String> connectionNamesOf(String username) throws Exception {
        return namesOf("/api/connections", username, c -> c.path("client_properties").path("connection_name").asText());
    }

    /** Names of the open channels on connections of {@code username}. */
    List<String> channelsOf(String username) throws Exception {
        return namesOf("/api/channels", username, c -> c.path("name").asText());
    }

    private List<String> namesOf(String listPath, String username, Function<JsonNode, String> name) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode c : JSON.readTree(get(listPath))) {
            if (username.equals(c.path("user").asText())) {
                names.add(name.apply(c));
            }
        }
        return names;
    }

    /** Closes a client connection broker-side, as an outage or an operator's forced close would. */
    void closeConnection(String name) throws Exception {
        send(HttpRequest.newBuilder(uri("/api/connections/" + UrlEncoding.encode(name))).DELETE(), 204, 404);
    }

    String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), 200);
    }

    private void put(String path, String json) throws Exception {
        send(HttpRequest.newBuilder(uri(path)).header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), 201, 204);
    }

    private URI uri(String path) {
        return URI.create(http.redacted() + http.httpPathPrefix() + path);
    }

    private String send(HttpRequest.Builder request, int... accepted) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request.header("Authorization", adminAuth).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int ok : accepted) {
            if (r.statusCode() == ok) {
                return r.body();
            }
        }
        throw new IOException("management API " + r.request().method() + " " + r.request().uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
    }

    @Override
    public void close() throws Exception {
        try {
            publisher.close();
        } finally {
            send(HttpRequest.newBuilder(uri("/api/vhosts/" + UrlEncoding.encode(vhost))).DELETE(), 204, 404);
            for (String u : users) {
                send(HttpRequest.newBuilder(uri("/api/users/" + UrlEncoding.encode(u))).DELETE(), 204, 404);
            }
        }
    }

    /** Polls until the check passes: the management API refreshes queue statistics every few seconds. */
    static void eventually(Duration timeout, ThrowingRunnable check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
