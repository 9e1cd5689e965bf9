package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Active} follows the reading that scales the target: with a long polling interval and minReplicaCount 1, the
 * HPA scales the Deployment on the queue through the external metrics API long before the next poll, and the
 * ScaledObject must say Active then, not a polling interval later.
 */
@ExtendWith(RealControlPlane.class)
class ActiveFollowsTheHpaReadingOnRealControlPlaneTest {

    private static final int POLLING_SECONDS = 300;

    static ExampleOnOperator example;

    @BeforeAll
    static void start(ControlPlane cp, @TempDir Path tls) throws Exception {
        example = ExampleOnOperator.start(cp, tls, "active");
    }

    @AfterAll
    static void stop() throws Exception {
        if (example != null) {
            example.close();
        }
    }

    @Test
    void theScaledObjectTurnsActiveWhenTheHpaScalesOnAnActiveReadingNotAtTheNextPoll() throws Exception {
        RabbitMqExample.apply(example.client, example.namespace, example.broker.amqpUrl(), so -> {
            so.getSpec().setPollingInterval(POLLING_SECONDS);
            so.getSpec().setMinReplicaCount(1);
        });
        // The first poll, at registration, finds the queue empty.
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(active()).isEqualTo("False"));

        example.broker.publish(RabbitMqExample.QUEUE, 25);
        long published = System.nanoTime();
        Eventually.within(Duration.ofSeconds(40), () -> {
            assertThat(example.replicas()).isEqualTo(3);
            assertThat(active()).isEqualTo("True");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(POLLING_SECONDS));
    }

    private static String active() {
        ScaledObject so = example.scaledObject();
        return so.getStatus() == null ? null
                : KedaConditions.get(so.getStatus(), KedaConditions.ACTIVE).map(c -> c.getStatus()).orElse(null);
    }
}
