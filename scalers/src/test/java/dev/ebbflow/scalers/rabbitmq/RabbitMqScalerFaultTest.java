package dev.ebbflow.scalers.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import dev.ebbflow.testkit.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failure paths that need no broker: local sockets stand in for a broken one. */
class RabbitMqScalerFaultTest {

    private static final String SECRET = "fault-s3cret";

    private static TriggerConfig trigger(String host, String... kv) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("host", host, "queueName", "orders"));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new TriggerConfig(2, "rabbitmq", null, m, Map.of("username", "u", "password", SECRET), null, MetricTargetType.VALUE);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void registeredForServiceLoader() {
        try (ScalerRegistry registry = ScalerRegistry.loadInstalled()) {
            assertThat(registry.types()).contains("rabbitmq");
        }
    }

    @Test
    void metricSpecCarriesIndexTargetsAndMetricType() throws Exception {
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory(); Scaler s = f.create(trigger("amqp://127.0.0.1:1/", "mode", "QueueLength", "value", "15", "activationValue", "2"))) {
            assertThat(s.metricSpec().metricName()).isEqualTo("s2-rabbitmq-orders");
            assertThat(s.metricSpec().target()).isEqualTo(15);
            assertThat(s.metricSpec().activationTarget()).isEqualTo(2);
            assertThat(s.metricSpec().targetType()).isEqualTo(MetricTargetType.VALUE);
        }
    }

    @Test
    void creatingScalersNeverConnectsAndLeasesArePerEndpointAndCredentials() throws Exception {
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            Scaler a = f.create(trigger("amqp://127.0.0.1:1/v"));
            Scaler b = f.create(trigger("amqp://127.0.0.1:1/v"));
            Scaler otherVhost = f.create(trigger("amqp://127.0.0.1:1/w"));
            Scaler otherPassword = f.create(new TriggerConfig(0, "rabbitmq", null, Map.of("host", "amqp://127.0.0.1:1/v", "queueName", "q"),
                    Map.of("username", "u", "password", "another"), null, null));
            assertThat(f.amqpEndpoints()).isEqualTo(3);
            a.close();
            assertThat(f.amqpEndpoints()).isEqualTo(3);
            b.close();
            otherVhost.close();
            otherPassword.close();
            assertThat(f.amqpEndpoints()).isZero();
        }
    }

    @Test
    void httpClientsAreSharedPerTlsConfiguration() throws Exception {
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            f.create(trigger("http://127.0.0.1:1/"));
            f.create(trigger("http://127.0.0.1:2/v"));
            f.create(trigger("https://127.0.0.1:3/v"));
            f.create(trigger("https://127.0.0.1:4/v", "unsafeSsl", "true"));
            f.create(trigger("https://127.0.0.1:5/w", "unsafeSsl", "true"));
            assertThat(f.httpClients()).isEqualTo(3);
        }
    }

    @Test
    void unreachableBrokerFailsFastDuringTheBackoffThenRetries() throws Exception {
        ManualClock clock = new ManualClock();
        int port = closedPort();
        AmqpConnectionPool.Settings settings = new AmqpConnectionPool.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory(settings, clock); Scaler s = f.create(trigger("amqp://127.0.0.1:" + port + "/"))) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageStartingWith("cannot reach RabbitMQ at amqp://127.0.0.1:" + port).hasMessageNotContaining(SECRET);
            assertThatThrownBy(s::read).hasMessageContaining("retrying after 10000 ms");
            clock.advance(Duration.ofSeconds(11));
            assertThatThrownBy(s::read).hasMessageStartingWith("cannot reach").hasMessageNotContaining("retrying");
        }
    }

    @Test
    void settingsNeedRoomForAtLeastOneIdleChannel() {
        assertThatThrownBy(() -> new AmqpConnectionPool.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdleChannels");
    }

    @Test
    void closedScalerRefusesToRead() throws Exception {
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            Scaler s = f.create(trigger("http://127.0.0.1:1/"));
            s.close();
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void managementApiThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket ignored = silent.accept(); // accepted, never answered
                    }
                } catch (Exception e) {
                    // socket closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Scaler s = f.create(trigger("http://127.0.0.1:" + silent.getLocalPort() + "/", "timeout", "300"));
            long start = System.nanoTime();
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).hasMessageContaining("did not answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void unexpectedHttpStatusIsReportedWithTheSecretScrubbed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("{\"error\":\"boom\",\"echo\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            Scaler s = f.create(trigger("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("HTTP 500").hasMessageContaining("boom").hasMessageNotContaining(SECRET);
        } finally {
            server.stop(0);
        }
    }
}
