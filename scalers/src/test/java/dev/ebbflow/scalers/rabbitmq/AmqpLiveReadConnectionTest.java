package dev.ebbflow.scalers.rabbitmq;

import static dev.ebbflow.scalers.rabbitmq.BrokerFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerReading;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ServerSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HPA's live reads ({@link Scaler#readNow()}) go through a connection of their own, against the real
 * broker: a hung or busy polls connection does not hold them up, the broker lists the two connections by
 * name, and both close with the endpoint's last scaler. Each test reads as its own user, so the
 * management API shows only that test's connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmqpLiveReadConnectionTest {

    private static final String POLLS = "ebbflow-rabbitmq-scaler";
    private static final String LIVE = "ebbflow-rabbitmq-scaler-live";
    /** Long, so that a live read stuck behind the hung polls connection could not come back in time. */
    private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

    private BrokerFixture fx;

    @BeforeAll
    void publish() throws Exception {
        fx = new BrokerFixture();
        fx.declareQueue("jobs");
        fx.publish("jobs", 3);
        fx.declareQueue("mail");
        fx.publish("mail", 5);
    }

    @AfterAll
    void removeFixture() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aLiveReadAnswersPromptlyThroughItsOwnConnectionWhileThePollsConnectionHangs() throws Exception {
        String user = fx.addUser();
        BrokerUrl amqp = BrokerUrl.parse(BrokerFixture.AMQP_URL);
        AmqpConnectionPool.Settings settings = new AmqpConnectionPool.Settings(Duration.ofSeconds(5), RPC_TIMEOUT, Duration.ofSeconds(2));
        ExecutorService scaleLoop = Executors.newSingleThreadExecutor();
        try (TcpProxy proxy = new TcpProxy(amqp.host(), amqp.port(), ServerSocketFactory.getDefault());
             RabbitMqScalerFactory f = new RabbitMqScalerFactory(settings, Clock.systemUTC());
             Scaler s = fx.scaler(f, user, "amqp://127.0.0.1:" + proxy.port() + "/" + UrlEncoding.encode(fx.vhost), "jobs")) {
            assertThat(s.read().value()).isEqualTo(3);
            assertThat(proxy.accepted()).as("the polls connection only: the live one opens on the first live read").isEqualTo(1);

            proxy.pauseConnection(1);
            Future<ScalerReading> stuckPoll = scaleLoop.submit(s::read);
            long start = System.nanoTime();
            ScalerReading live = s.readNow();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(live.value()).isEqualTo(3);
            assertThat(took).as("not waiting out the hung connection's RPC timeout").isLessThan(RPC_TIMEOUT.dividedBy(2));
            assertThat(stuckPoll).as("the poll is still stuck on its own connection").isNotDone();
            assertThat(proxy.accepted()).isEqualTo(2);
            eventually(Duration.ofSeconds(10), () -> assertThat(fx.connectionNamesOf(user)).containsExactlyInAnyOrder(POLLS, LIVE));
            for (int i = 0; i < 5; i++) {
                assertThat(s.readNow().value()).as("later live reads reuse the live connection").isEqualTo(3);
            }
            assertThat(proxy.accepted()).isEqualTo(2);
            proxy.resume();
        } finally {
            scaleLoop.shutdownNow();
        }
    }

    @Test
    void anEndpointsScalersShareBothConnectionsAndTheLastToCloseClosesBoth() throws Exception {
        String user = fx.addUser();
        Scaler last;
        try (RabbitMqScalerFactory f = new RabbitMqScalerFactory()) {
            Scaler jobs = fx.scaler(f, user, fx.amqpHost(fx.vhost), "jobs");
            last = fx.scaler(f, user, fx.amqpHost(fx.vhost), "mail");
            assertThat(jobs.read().value()).isEqualTo(3);
            assertThat(last.read().value()).isEqualTo(5);
            assertThat(jobs.readNow().value()).isEqualTo(3);
            assertThat(last.readNow().value()).isEqualTo(5);
            eventually(Duration.ofSeconds(10), () -> assertThat(fx.connectionNamesOf(user)).containsExactlyInAnyOrder(POLLS, LIVE));
            assertThat(f.amqpEndpoints()).isEqualTo(1);

            jobs.close();
            assertThat(f.amqpEndpoints()).as("still leased by the other scaler").isEqualTo(1);
            assertThat(last.read().value()).isEqualTo(5);
            assertThat(last.readNow().value()).isEqualTo(5);
            assertThat(fx.connectionNamesOf(user)).containsExactlyInAnyOrder(POLLS, LIVE);

            last.close();
            assertThat(f.amqpEndpoints()).isZero();
            eventually(Duration.ofSeconds(10), () -> assertThat(fx.connectionsOf(user)).as("neither connection leaked").isEmpty());
        }
    }
}
