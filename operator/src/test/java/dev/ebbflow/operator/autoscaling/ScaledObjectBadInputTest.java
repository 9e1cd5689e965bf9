package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed ScaledObjects: Ready=False naming the field, a Warning Event, and the others keep being reconciled. */
@EnableKubernetesMockClient(crud = true)
class ScaledObjectBadInputTest {

    static KubernetesClient client;
    static OperatorFixture cluster;
    static RabbitQueues rabbit;

    @BeforeAll
    static void start() throws Exception {
        rabbit = new RabbitQueues();
        cluster = new OperatorFixture(client);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        rabbit.close();
    }

    private static String so(String name, String target, String specExtra, String triggerType, String metadata) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  pollingInterval: 1
                %s  triggers:
                    - type: %s
                      metadata:
                %s
                """.formatted(name, target, specExtra, triggerType, metadata.indent(8).stripTrailing());
    }

    private static String rabbitMetadata(String queue) {
        return "host: " + RabbitQueues.AMQP_URL + "\nqueueName: " + queue + "\nmode: QueueLength\nvalue: \"5\"";
    }

    private void assertNotReady(String name, String field) {
        Eventually.within(Duration.ofSeconds(20), () -> {
            KedaCondition ready = cluster.condition(name, KedaConditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("ScaledObjectCheckFailed");
            assertThat(ready.getMessage()).contains(field);
            assertThat(cluster.events(name, "ScaledObjectCheckFailed")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
        });
        assertThat(cluster.hpa("keda-hpa-" + name)).isNull();
    }

    @Test
    void aMissingQueueNameIsReportedAndDoesNotStopAGoodScaledObject() throws Exception {
        cluster.deployment("bad-queue", 0);
        cluster.apply(so("bad-queue", "bad-queue", "", "rabbitmq", "host: " + RabbitQueues.AMQP_URL + "\nmode: QueueLength\nvalue: \"5\""));
        cluster.deployment("good", 0);
        cluster.apply(so("good", "good", "", "rabbitmq", rabbitMetadata(rabbit.declare())));

        assertNotReady("bad-queue", "spec.triggers[0].metadata.queueName");
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(cluster.hpa("keda-hpa-good")).isNotNull();
            assertThat(KedaConditions.isTrue(cluster.scaledObject("good").getStatus(), KedaConditions.READY)).isTrue();
        });
    }

    @Test
    void anUnknownTriggerTypeIsReported() {
        cluster.deployment("unknown-type", 0);
        cluster.apply(so("unknown-type", "unknown-type", "", "kafka-of-dreams", "topic: x"));
        assertNotReady("unknown-type", "spec.triggers[0].type");
    }

    @Test
    void minAboveMaxIsReported() throws Exception {
        cluster.deployment("min-max", 0);
        cluster.apply(so("min-max", "min-max", "  minReplicaCount: 5\n  maxReplicaCount: 2\n", "rabbitmq", rabbitMetadata(rabbit.declare())));
        assertNotReady("min-max", "spec.minReplicaCount");
    }

    @Test
    void aBadPauseAnnotationIsReported() throws Exception {
        cluster.deployment("bad-pause", 0);
        String yaml = so("bad-pause", "bad-pause", "", "rabbitmq", rabbitMetadata(rabbit.declare()))
                .replace("  name: bad-pause\n", "  name: bad-pause\n  annotations:\n    autoscaling.keda.sh/paused-replicas: many\n");
        cluster.apply(yaml);
        assertNotReady("bad-pause", "metadata.annotations[autoscaling.keda.sh/paused-replicas]");
    }

    @Test
    void aMalformedHostIsReportedWithoutItsPassword() throws Exception {
        cluster.deployment("bad-host", 0);
        cluster.apply(so("bad-host", "bad-host", "", "rabbitmq",
                "host: amqp://user:s3cret-pw@127.0.0.1:notaport/\nqueueName: q\nmode: QueueLength\nvalue: \"5\""));
        assertNotReady("bad-host", "spec.triggers[0].metadata.host");
        assertThat(cluster.condition("bad-host", KedaConditions.READY).getMessage()).doesNotContain("s3cret-pw");
        assertThat(cluster.events("bad-host", "ScaledObjectCheckFailed")).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
    }

    @Test
    void aMissingScaleTargetIsReportedUntilItIsCreated() throws Exception {
        cluster.apply(so("no-target", "not-yet", "", "rabbitmq", rabbitMetadata(rabbit.declare())));
        assertNotReady("no-target", "spec.scaleTargetRef");

        cluster.deployment("not-yet", 0);

        Eventually.within(Duration.ofSeconds(25), () -> {
            assertThat(KedaConditions.isTrue(cluster.scaledObject("no-target").getStatus(), KedaConditions.READY)).isTrue();
            assertThat(cluster.hpa("keda-hpa-no-target")).isNotNull();
        });
    }

    @Test
    void aMissingTriggerAuthenticationIsReportedUntilItExists() throws Exception {
        String queue = rabbit.declare();
        cluster.deployment("with-auth", 0);
        String yaml = so("with-auth", "with-auth", "", "rabbitmq", "queueName: " + queue + "\nmode: QueueLength\nvalue: \"5\"")
                + "      authenticationRef:\n        name: rabbit-conn\n";
        cluster.apply(yaml);
        assertNotReady("with-auth", "spec.triggers[0].authenticationRef.name");

        client.secrets().inNamespace(OperatorFixture.NS).resource(new SecretBuilder()
                .withNewMetadata().withName("rabbit-conn").withNamespace(OperatorFixture.NS).endMetadata()
                .addToStringData("host", RabbitQueues.AMQP_URL).build()).create();
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: rabbit-conn
                  namespace: apps
                spec:
                  secretTargetRef:
                    - parameter: host
                      name: rabbit-conn
                      key: host
                """, dev.ebbflow.crds.keda.auth.TriggerAuthentication.class)).create();

        Eventually.within(Duration.ofSeconds(25), () -> {
            assertThat(KedaConditions.isTrue(cluster.scaledObject("with-auth").getStatus(), KedaConditions.READY)).isTrue();
            assertThat(cluster.hpa("keda-hpa-with-auth")).isNotNull();
            assertThat(cluster.scaledObject("with-auth").getStatus().getAuthenticationsTypes()).isEqualTo("rabbit-conn");
        });
        rabbit.publish(queue, 2);
        Eventually.within(Duration.ofSeconds(15), () -> assertThat(cluster.replicas("with-auth")).isEqualTo(1));
    }
}
