package dev.ebbflow.scalers.rabbitmq;

import static dev.ebbflow.scalers.rabbitmq.BrokerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.TriggerConfig;
import dev.ebbflow.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The rabbitmq trigger against the real broker, over both protocols. Fixtures are published once
 * up front so the management API's statistics (refreshed every ~5 s) are ready for all tests together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitMqScalerBrokerTest {

    private static final Duration STATS = Duration.ofSeconds(20);

    private BrokerFixture fx;
    private RabbitMqScalerFactory factory;
    private final List<Scaler> scalers = new ArrayList<>();
    private AutoCloseable ratePublisher;
    private Connection unackedConsumer;

    @BeforeAll
    void publishFixtures() throws Exception {
        fx = new BrokerFixture();
        factory = new RabbitMqScalerFactory();
        for (String q : List.of("orders", "orders.eu.1", "orders.eu.2", "orders.eu.3", "other", "unacked", "rate")) {
            fx.declareQueue(q);
        }
        fx.publish("orders", 7);
        fx.publish("orders.eu.1", 3);
        fx.publish("orders.eu.2", 5);
        fx.publish("other", 11);
        fx.publish("unacked", 5);
        // Two deliveries held unacknowledged by a consumer: 3 ready + 2 unacked.
        unackedConsumer = fx.connect();
        Channel ch = unackedConsumer.createChannel();
        ch.basicQos(2);
        ch.basicConsume("unacked", false, new DefaultConsumer(ch));
        ratePublisher = fx.publishSteadily("rate");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (ratePublisher != null) {
            ratePublisher.close();
        }
        scalers.forEach(Scaler::close);
        if (factory != null) {
            factory.close();
        }
        if (unackedConsumer != null) {
            unackedConsumer.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private Scaler scaler(RabbitMqScalerFactory f, String user, String password, String... kv) throws Exception {
        Map<String, String> metadata = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            metadata.put(kv[i], kv[i + 1]);
        }
        Scaler s = f.create(new TriggerConfig(0, "rabbitmq", null, metadata, Map.of("username", user, "password", password),
                null, MetricTargetType.AVERAGE_VALUE));
        scalers.add(s);
        return s;
    }

    private Scaler scaler(String... kv) throws Exception {
        return scaler(factory, fx.user, fx.password, kv);
    }

    @Test
    void queueLengthOverAmqp() throws Exception {
        Scaler s = scaler("host", fx.amqpHost(fx.vhost), "queueName", "orders", "mode", "QueueLength", "value", "5");
        assertThat(s.metricSpec().metricName()).isEqualTo("s0-rabbitmq-orders");
        assertThat(s.metricSpec().target()).isEqualTo(5);
        assertThat(s.metricSpec().activationTarget()).isZero();
        assertThat(s.read()).isEqualTo(new ScalerReading(7, true));
    }

    @Test
    void activationValueAboveTheBacklogKeepsTheTriggerInactive() throws Exception {
        Scaler s = scaler("host", fx.amqpHost(fx.vhost), "queueName", "orders", "queueLength", "5", "activationValue", "7");
        assertThat(s.read()).isEqualTo(new ScalerReading(7, false));
    }

    @Test
    void queueLengthOverHttp() throws Exception {
        Scaler s = scaler("host", fx.httpHost(fx.vhost), "queueName", "orders", "mode", "QueueLength", "value", "5");
        eventually(STATS, () -> assertThat(s.read()).isEqualTo(new ScalerReading(7, true)));
    }

    @Test
    void messageRateOverHttp() throws Exception {
        Scaler s = scaler("host", fx.httpHost(fx.vhost), "queueName", "rate", "mode", "MessageRate", "value", "10");
        eventually(Duration.ofSeconds(30), () -> {
            ScalerReading r = s.read();
            assertThat(r.value()).isGreaterThan(0);
            assertThat(r.active()).isTrue();
        });
    }

    @Test
    void vhostNameOverridesTheVhostInTheUrl() throws Exception {
        Scaler overAmqp = scaler("host", fx.amqpHost("no-such-vhost"), "vhostName", fx.vhost, "queueName", "orders");
        Scaler overHttp = scaler("host", fx.httpHost("no-such-vhost"), "vhostName", fx.vhost, "queueName", "orders");
        assertThat(overAmqp.read().value()).isEqualTo(7);
        eventually(STATS, () -> assertThat(overHttp.read().value()).isEqualTo(7));

        Scaler unknownVhost = scaler("host", fx.amqpHost(fx.vhost), "vhostName", "no-such-vhost", "queueName", "orders");
        assertThatThrownBy(unknownVhost::read).isInstanceOf(ScalerException.class).hasMessageContaining("vhost 'no-such-vhost'");
    }

    @Test
    void regexCombinesMatchedQueuesOfOnePageAndRefusesMore() throws Exception {
        // orders.eu.1, .2 and .3 hold 3, 5 and 0 messages.
        String regex = "^orders\\.eu\\.";
        Scaler sum = scaler("host", fx.httpHost(fx.vhost), "queueName", regex, "useRegex", "true");
        Scaler avg = scaler("host", fx.httpHost(fx.vhost), "queueName", regex, "useRegex", "true", "operation", "avg");
        Scaler max = scaler("host", fx.httpHost(fx.vhost), "queueName", regex, "useRegex", "true", "operation", "max", "pageSize", "3");
        Scaler twoPages = scaler("host", fx.httpHost(fx.vhost), "queueName", regex, "useRegex", "true", "pageSize", "2");
        Scaler none = scaler("host", fx.httpHost(fx.vhost), "queueName", "^nothing-matches$", "useRegex", "true");
        eventually(STATS, () -> {
            assertThat(sum.read().value()).isEqualTo(8);
            assertThat(avg.read().value()).isEqualTo(2);
            assertThat(max.read().value()).isEqualTo(5);
        });
        assertThatThrownBy(twoPages::read).isInstanceOf(ScalerException.class).hasMessageContaining("matches 3 queues, more than one page of 2");
        assertThat(none.read()).isEqualTo(new ScalerReading(0, false));
    }

    @Test
    void messageRateIsActiveOnABacklogThatNothingPublishesTo() throws Exception {
        Scaler s = scaler("host", fx.httpHost(fx.vhost), "queueName", "orders", "mode", "MessageRate", "value", "10", "activationValue", "5");
        eventually(STATS, () -> assertThat(s.read()).isEqualTo(new ScalerReading(0, true)));
    }

    @Test
    void excludeUnacknowledgedCountsReadyMessagesOnly() throws Exception {
        Scaler all = scaler("host", fx.httpHost(fx.vhost), "queueName", "unacked");
        Scaler ready = scaler("host", fx.httpHost(fx.vhost), "queueName", "unacked", "excludeUnacknowledged", "true");
        Scaler overAmqp = scaler("host", fx.amqpHost(fx.vhost), "queueName", "unacked");
        eventually(STATS, () -> {
            assertThat(all.read().value()).isEqualTo(5);
            assertThat(ready.read().value()).isEqualTo(3);
        });
        assertThat(overAmqp.read().value()).as("a passive declare reports ready messages").isEqualTo(3);
    }

    @Test
    void missingQueueFailsThenRecoversOnTheSameScalerAndConnection() throws Exception {
        String user = fx.addUser();
        Scaler overAmqp = scaler(factory, user, fx.password, "host", fx.amqpHost(fx.vhost), "queueName", "late");
        Scaler overHttp = scaler(factory, user, fx.password, "host", fx.httpHost(fx.vhost), "queueName", "late");
        assertThatThrownBy(overAmqp::read).isInstanceOf(ScalerException.class)
                .hasMessageContaining("queue 'late' not found in vhost '" + fx.vhost + "'");
        assertThatThrownBy(overHttp::read).isInstanceOf(ScalerException.class)
                .hasMessageContaining("queue 'late'").hasMessageContaining("HTTP 404");
        eventually(Duration.ofSeconds(5), () -> assertThat(fx.connectionsOf(user)).hasSize(1));
        List<String> before = fx.connectionsOf(user);

        fx.declareQueue("late");
        fx.publish("late", 2);
        assertThat(overAmqp.read().value()).isEqualTo(2);
        eventually(STATS, () -> assertThat(overHttp.read().value()).isEqualTo(2));
        assertThat(fx.connectionsOf(user)).as("a 404 closes the channel, not the shared connection")
                .hasSize(1).isEqualTo(before);
    }

    @Test
    void badPasswordIsReportedWithoutThePassword() throws Exception {
        String wrong = "wrong-" + fx.password;
        Scaler overAmqp = scaler(factory, fx.user, wrong, "host", fx.amqpHost(fx.vhost), "queueName", "orders");
        Scaler overHttp = scaler(factory, fx.user, wrong, "host", fx.httpHost(fx.vhost), "queueName", "orders");
        for (Scaler s : List.of(overAmqp, overHttp)) {
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("refused the credentials of user '" + fx.user + "'")
                    .satisfies(e -> assertThat(stackText(e)).doesNotContain(wrong));
        }
        // The management API's own reason for the 401.
        assertThatThrownBy(overHttp::read).hasMessageContaining("(HTTP 401: Login failed)");
    }

    @Test
    void passwordInTheHostUrlWorksAndNeverLeaks() throws Exception {
        String wrong = "wrong-" + fx.password;
        String withSecret = fx.amqpHost(fx.vhost).replace("://", "://" + fx.user + ":" + wrong + "@");
        Scaler s = factory.create(new TriggerConfig(0, "rabbitmq", null, Map.of("host", withSecret, "queueName", "orders"), Map.of(),
                null, MetricTargetType.AVERAGE_VALUE));
        scalers.add(s);
        assertThatThrownBy(s::read).isInstanceOf(ScalerException.class).satisfies(e -> assertThat(stackText(e)).doesNotContain(wrong));
        String good = fx.amqpHost(fx.vhost).replace("://", "://" + fx.user + ":" + fx.password + "@");
        Scaler ok = factory.create(new TriggerConfig(0, "rabbitmq", null, Map.of("host", good, "queueName", "orders"), Map.of(),
                null, MetricTargetType.AVERAGE_VALUE));
        scalers.add(ok);
        assertThat(ok.read().value()).isEqualTo(7);
    }

    @Test
    void aThousandScalersShareOneConnectionThatClosesWithTheLast() throws Exception {
        String user = fx.addUser();
        List<Scaler> many = new ArrayList<>();
        try (RabbitMqScalerFactory own = new RabbitMqScalerFactory()) {
            for (int i = 0; i < 1000; i++) {
                many.add(scaler(own, user, fx.password, "host", fx.amqpHost(fx.vhost), "queueName", "orders"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<ScalerReading>> readings = new ArrayList<>();
                for (Scaler s : many) {
                    readings.add(pool.submit(s::read));
                }
                for (Future<ScalerReading> r : readings) {
                    assertThat(r.get().value()).isEqualTo(7);
                }
            } finally {
                pool.shutdown();
            }
            eventually(Duration.ofSeconds(5), () -> assertThat(fx.connectionsOf(user)).hasSize(1));
            assertThat(own.amqpEndpoints()).isEqualTo(1);

            many.subList(0, 999).forEach(Scaler::close);
            assertThat(fx.connectionsOf(user)).as("still leased by the last scaler").hasSize(1);
            many.get(999).close();
            many.get(999).close(); // a second close must not release someone else's lease
            assertThat(own.amqpEndpoints()).isZero();
            eventually(Duration.ofSeconds(5), () -> assertThat(fx.connectionsOf(user)).isEmpty());
        }
    }

    @Test
    void connectionClosedByTheBrokerIsReopenedOnTheNextRead() throws Exception {
        String user = fx.addUser();
        Scaler s = scaler(factory, user, fx.password, "host", fx.amqpHost(fx.vhost), "queueName", "orders");
        assertThat(s.read().value()).isEqualTo(7);
        eventually(Duration.ofSeconds(5), () -> assertThat(fx.connectionsOf(user)).hasSize(1));
        String first = fx.connectionsOf(user).get(0);

        fx.closeConnection(first);
        // The read racing the close may fail (reported, never thrown as anything but ScalerException);
        // one of the next reads must succeed on a new connection, with the same scaler.
        eventually(Duration.ofSeconds(5), () -> assertThat(s.read().value()).isEqualTo(7));
        eventually(Duration.ofSeconds(5), () -> assertThat(fx.connectionsOf(user)).hasSize(1).doesNotContain(first));
    }

    @Test
    void brokerOutageThenRecoveryWithoutRecreatingTheScaler() throws Exception {
        ManualClock clock = new ManualClock();
        AmqpConnectionPool.Settings settings = new AmqpConnectionPool.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30));
        BrokerUrl amqp = BrokerUrl.parse(BrokerFixture.AMQP_URL);
        BrokerUrl http = BrokerUrl.parse(BrokerFixture.HTTP_URL);
        try (RabbitMqScalerFactory own = new RabbitMqScalerFactory(settings, clock);
             TcpProxy amqpProxy = new TcpProxy(amqp.host(), amqp.port(), ServerSocketFactory.getDefault());
             TcpProxy httpProxy = new TcpProxy(http.host(), http.port(), ServerSocketFactory.getDefault())) {
            Scaler overAmqp = scaler(own, fx.user, fx.password, "host", "amqp://127.0.0.1:" + amqpProxy.port() + "/" + UrlEncoding.encode(fx.vhost), "queueName", "orders");
            Scaler overHttp = scaler(own, fx.user, fx.password, "host", "http://127.0.0.1:" + httpProxy.port() + "/" + UrlEncoding.encode(fx.vhost), "queueName", "orders");
            assertThat(overAmqp.read().value()).isEqualTo(7);
            eventually(STATS, () -> assertThat(overHttp.read().value()).isEqualTo(7));

            amqpProxy.stop();
            httpProxy.stop();
            eventually(Duration.ofSeconds(5), () -> assertThatThrownBy(overAmqp::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("cannot reach RabbitMQ at amqp://127.0.0.1:" + amqpProxy.port()));
            eventually(Duration.ofSeconds(5), () -> assertThatThrownBy(overHttp::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("cannot reach the RabbitMQ management API"));

            amqpProxy.start();
            httpProxy.start();
            assertThatThrownBy(overAmqp::read).as("within the backoff the last failure is repeated, without a reconnect")
                    .hasMessageContaining("retrying after");
            clock.advance(Duration.ofSeconds(31));
            assertThat(overAmqp.read().value()).isEqualTo(7);
            assertThat(overHttp.read().value()).isEqualTo(7);
        }
    }

    @Test
    void amqpsAndHttpsWithThePrivateCa() throws Exception {
        SSLServerSocketFactory tls = SslContexts.build(new TlsSettings(true, SslContextsTest.CA, SslContextsTest.SERVER_CERT,
                SslContextsTest.SERVER_KEY, null, false)).getServerSocketFactory();
        BrokerUrl amqp = BrokerUrl.parse(BrokerFixture.AMQP_URL);
        BrokerUrl http = BrokerUrl.parse(BrokerFixture.HTTP_URL);
        try (TcpProxy amqps = new TcpProxy(amqp.host(), amqp.port(), tls);
             TcpProxy https = new TcpProxy(http.host(), http.port(), tls)) {
            Map<String, String> auth = Map.of("username", fx.user, "password", fx.password, "tls", "enable", "ca", SslContextsTest.CA);
            String vhost = "/" + UrlEncoding.encode(fx.vhost);
            Scaler overAmqps = tlsScaler(Map.of("host", "amqps://127.0.0.1:" + amqps.port() + vhost, "queueName", "orders"), auth);
            Scaler overHttps = tlsScaler(Map.of("host", "https://127.0.0.1:" + https.port() + vhost, "queueName", "orders"), auth);
            assertThat(overAmqps.read().value()).isEqualTo(7);
            eventually(STATS, () -> assertThat(overHttps.read().value()).isEqualTo(7));

            Map<String, String> noCa = Map.of("username", fx.user, "password", fx.password);
            Scaler untrusted = tlsScaler(Map.of("host", "https://127.0.0.1:" + https.port() + vhost, "queueName", "orders"), noCa);
            assertThatThrownBy(untrusted::read).isInstanceOf(ScalerException.class);
            Scaler unsafe = tlsScaler(Map.of("host", "https://127.0.0.1:" + https.port() + vhost, "queueName", "orders", "unsafeSsl", "true"), noCa);
            assertThat(unsafe.read().value()).isEqualTo(7);
        }
    }

    private Scaler tlsScaler(Map<String, String> metadata, Map<String, String> auth) throws Exception {
        Scaler s = factory.create(new TriggerConfig(0, "rabbitmq", null, metadata, auth, null, MetricTargetType.AVERAGE_VALUE));
        scalers.add(s);
        return s;
    }

    private static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
