package dev.ebbflow.scalers.rabbitmq;

import static dev.ebbflow.scalers.rabbitmq.BrokerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * AMQP reads reuse the channels of the shared connection (one broker round trip per read instead of
 * three), against the real broker; and the HTTP protocol keeps its connection alive between reads.
 * Each test reads as its own user, so the management API shows only that test's connections and channels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmqpChannelReuseTest {

    /** Queue name → ready messages published once for all tests. */
    private static final Map<String, Integer> QUEUES = Map.of("q1", 1, "q2", 2, "q3", 3, "q4", 4);

    private BrokerFixture fx;

    @BeforeAll
    void publish() throws Exception {
        fx = new BrokerFixture();
        for (Map.Entry<String, Integer> q : QUEUES.entrySet()) {
            fx.declareQueue(q.getKey());
            fx.publish(q.getKey(), q.getValue());
        }
    }

    @AfterAll
    void removeFixture() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void manyReadsGoThroughOneLongLivedChannel() throws Exception {
        String user = fx.addUser();
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory();
             Scaler q1 = fx.scaler(f, user, fx.amqpHost(fx.vhost), "q1");
             Scaler q2 = fx.scaler(f, user, fx.amqpHost(fx.vhost), "q2")) {
            for (int i = 0; i < 25; i++) {
                assertThat(q1.read().value()).isEqualTo(1);
                assertThat(q2.read().value()).isEqualTo(2);
            }
            // A channel opened and closed per read would leave none open; one leaked per read, 50.
            eventually(Duration.ofSeconds(10), () -> assertThat(fx.channelsOf(user)).hasSize(1));
            List<String> channel = fx.channelsOf(user);
            for (int i = 0; i < 10; i++) {
                q1.read();
            }
            assertThat(fx.channelsOf(user)).as("the same channel serves the next reads").isEqualTo(channel);
        }
        eventually(Duration.ofSeconds(10), () -> assertThat(fx.channelsOf(user)).as("closed with the connection").isEmpty());
    }

    @Test
    void theConnectionCountsOneChannelOpenedForSequentialReads() throws Exception {
        try (com.rabbitmq.client.Connection raw = fx.connect()) {
            SharedAmqpConnection shared = new SharedAmqpConnection(raw, 2);
            for (int i = 0; i < 100; i++) {
                assertThat(shared.readyMessages("q3")).isEqualTo(3);
            }
            assertThat(shared.channelsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aMissingQueueClosesOnlyItsChannelAndTheNextReadGetsAFreshOne() throws Exception {
        try (com.rabbitmq.client.Connection raw = fx.connect()) {
            SharedAmqpConnection shared = new SharedAmqpConnection(raw, 2);
            assertThat(shared.readyMessages("q1")).isEqualTo(1);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> shared.readyMessages("missing")).isInstanceOf(IOException.class);
                assertThat(shared.readyMessages("q4")).isEqualTo(4);
            }
            assertThat(shared.channelsOpened()).as("each 404 costs the channel it closed, nothing more").isEqualTo(4);
            assertThat(shared.isOpen()).isTrue();
        }
    }

    @Test
    void aMissingQueueIsStillReportedAsMissingAndTheNextGoodReadSucceeds() throws Exception {
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory();
             Scaler missing = fx.scaler(f, fx.user, fx.amqpHost(fx.vhost), "missing");
             Scaler good = fx.scaler(f, fx.user, fx.amqpHost(fx.vhost), "q2")) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(missing::read).isInstanceOf(ScalerException.class)
                        .hasMessageStartingWith("queue 'missing' not found in vhost '" + fx.vhost + "' at amqp://");
                assertThat(good.read().value()).isEqualTo(2);
            }
        }
    }

    @Test
    void concurrentReadsThroughOneConnectionEachGetTheirOwnQueuesValue() throws Exception {
        String user = fx.addUser();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            List<String> names = List.copyOf(QUEUES.keySet());
            List<Scaler> scalers = new ArrayList<>();
            for (String q : names) {
                scalers.add(fx.scaler(f, user, fx.amqpHost(fx.vhost), q));
            }
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int reads = 0;
                    for (int i = 0; i < 100; i++) {
                        int k = (offset + i) % names.size();
                        assertThat(scalers.get(k).read().value()).as(names.get(k)).isEqualTo(QUEUES.get(names.get(k)).doubleValue());
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<Integer> d : done) {
                assertThat(d.get(60, TimeUnit.SECONDS)).isEqualTo(100);
            }
            assertThat(f.amqpEndpoints()).isEqualTo(1);
            // At most the idle limit (8 by default) stays open once the burst is over.
            eventually(Duration.ofSeconds(10), () -> assertThat(fx.channelsOf(user)).isNotEmpty().hasSizeLessThanOrEqualTo(8));
            scalers.forEach(Scaler::close);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBrokerThatStopsAnsweringTimesTheReadOutAndTheNextReadReconnects() throws Exception {
        BrokerUrl amqp = BrokerUrl.parse(BrokerFixture.AMQP_URL);
        AmqpConnectionPool.Settings quick = new AmqpConnectionPool.Settings(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofSeconds(2));
        try (TcpProxy proxy = new TcpProxy(amqp.host(), amqp.port(), ServerSocketFactory.getDefault());
             RabbitMqScalerFactory f = new RabbitMqScalerFactory(quick, java.time.Clock.systemUTC());
             Scaler s = fx.scaler(f, fx.user, "amqp://127.0.0.1:" + proxy.port() + "/" + UrlEncoding.encode(fx.vhost), "q3")) {
            assertThat(s.read().value()).isEqualTo(3);

            proxy.pause();
            long start = System.nanoTime();
            assertThatThrownBy(s::read).isInstanceOf(ScalerException.class)
                    .hasMessageContaining("did not answer reading queue 'q3' in time");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the RPC timeout").isLessThan(Duration.ofSeconds(3));
            proxy.resume();

            assertThat(s.read().value()).isEqualTo(3);
            assertThat(proxy.accepted()).as("the hung connection was dropped for a new one").isEqualTo(2);
        }
    }

    @Test
    void httpReadsKeepOneConnectionAlive() throws Exception {
        BrokerUrl http = BrokerUrl.parse(BrokerFixture.HTTP_URL);
        try (TcpProxy proxy = new TcpProxy(http.host(), http.port(), ServerSocketFactory.getDefault());
             RabbitMqScalerFactory f = new RabbitMqScalerFactory();
             Scaler s = fx.scaler(f, fx.user, "http://127.0.0.1:" + proxy.port() + "/" + UrlEncoding.encode(fx.vhost), "q4");
             Scaler other = fx.scaler(f, fx.user, "http://127.0.0.1:" + proxy.port() + "/" + UrlEncoding.encode(fx.vhost), "q1")) {
            eventually(Duration.ofSeconds(20), () -> assertThat(s.read().value()).isEqualTo(4));
            for (int i = 0; i < 20; i++) {
                s.read();
                other.read();
            }
            assertThat(proxy.accepted()).as("one kept-alive connection for every sequential read of both triggers").isEqualTo(1);
        }
    }
}
