package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed ScaledObjects: Ready=False naming the field, a Warning Event, and the others keep being reconciled. */
class ScaledObjectBadInputTest {

    @RegisterExtension
    static final ClusterEnvironment<OperatorFixture> env = ClusterEnvironment.of(OperatorFixture::new);

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
            KedaCondition ready = env.cluster().condition(name, KedaConditions.READY);
            assertThat(ready).isNotNull();
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("ScaledObjectCheckFailed");
            assertThat(ready.getMessage()).contains(field);
            assertThat(env.cluster().events(name, "ScaledObjectCheckFailed")).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
        });
        assertThat(env.cluster().hpa("keda-hpa-" + name)).isNull();
    }

    @Test
    void aMissingQueueNameIsReportedAndDoesNotStopAGoodScaledObject() throws Exception {
        env.cluster().deployment("bad-queue", 0);
        env.cluster().apply(so("bad-queue", "bad-queue", "", "rabbitmq", "host: " + RabbitQueues.AMQP_URL + "\nmode: QueueLength\nvalue: \"5\""));
        env.cluster().deployment("good", 0);
        env.cluster().apply(so("good", "good", "", "rabbitmq", rabbitMetadata(env.rabbit().declare())));

        assertNotReady("bad-queue", "spec.triggers[0].metadata.queueName");
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().hpa("keda-hpa-good")).isNotNull();
            assertThat(KedaConditions.isTrue(env.cluster().scaledObject("good").getStatus(), KedaConditions.READY)).isTrue();
        });
    }

    @Test
    void anUnknownTriggerTypeIsReported() {
        env.cluster().deployment("unknown-type", 0);
        env.cluster().apply(so("unknown-type", "unknown-type", "", "kafka-of-dreams", "topic: x"));
        assertNotReady("unknown-type", "spec.triggers[0].type");
    }

    @Test
    void minAboveMaxIsReported() throws Exception {
        env.cluster().deployment("min-max", 0);
        env.cluster().apply(so("min-max", "min-max", "  minReplicaCount: 5\n  maxReplicaCount: 2\n", "rabbitmq", rabbitMetadata(env.rabbit().declare())));
        assertNotReady("min-max", "spec.minReplicaCount");
    }

    @Test
    void aBadPauseAnnotationIsReported() throws Exception {
        env.cluster().deployment("bad-pause", 0);
        String yaml = so("bad-pause", "bad-pause", "", "rabbitmq", rabbitMetadata(env.rabbit().declare()))
                .replace("  name: bad-pause\n", "  name: bad-pause\n  annotations:\n    autoscaling.keda.sh/paused-replicas: many\n");
        env.cluster().apply(yaml);
        assertNotReady("bad-pause", "metadata.annotations[autoscaling.keda.sh/paused-replicas]");
    }

    @Test
    void aMalformedHostIsReportedWithoutItsPassword() throws Exception {
        env.cluster().deployment("bad-host", 0);
        env.cluster().apply(so("bad-host", "bad-host", "", "rabbitmq",
                "host: amqp://user:s3cret-pw@127.0.0.1:notaport/\nqueueName: q\nmode: QueueLength\nvalue: \"5\""));
        assertNotReady("bad-host", "spec.triggers[0].metadata.host");
        assertThat(env.cluster().condition("bad-host", KedaConditions.READY).getMessage()).doesNotContain("s3cret-pw");
        assertThat(env.cluster().events("bad-host", "ScaledObjectCheckFailed")).allSatisfy(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
    }

    @Test
    void aMissingScaleTargetIsReportedUntilItIsCreated() throws Exception {
        env.cluster().apply(so("no-target", "not-yet", "", "rabbitmq", rabbitMetadata(env.rabbit().declare())));
        assertNotReady("no-target", "spec.scaleTargetRef");

        env.cluster().deployment("not-yet", 0);

        Eventually.within(Duration.ofSeconds(25), () -> {
            assertThat(KedaConditions.isTrue(env.cluster().scaledObject("no-target").getStatus(), KedaConditions.READY)).isTrue();
            assertThat(env.cluster().hpa("keda-hpa-no-target")).isNotNull();
        });
    }

    @Test
    void aMissingTriggerAuthenticationIsReportedUntilItExists() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("with-auth", 0);
        String yaml = so("with-auth", "with-auth", "", "rabbitmq", "queueName: " + queue + "\nmode: QueueLength\nvalue: \"5\"")
                + "      authenticationRef:\n        name: rabbit-conn\n";
        env.cluster().apply(yaml);
        assertNotReady("with-auth", "spec.triggers[0].authenticationRef.name");

        env.client().secrets().inNamespace(OperatorFixture.NS).resource(new SecretBuilder()
                .withNewMetadata().withName("rabbit-conn").withNamespace(OperatorFixture.NS).endMetadata()
                .addToStringData("host", RabbitQueues.AMQP_URL).build()).create();
        env.client().resource(env.client().getKubernetesSerialization().unmarshal("""
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
            assertThat(KedaConditions.isTrue(env.cluster().scaledObject("with-auth").getStatus(), KedaConditions.READY)).isTrue();
            assertThat(env.cluster().hpa("keda-hpa-with-auth")).isNotNull();
            assertThat(env.cluster().scaledObject("with-auth").getStatus().getAuthenticationsTypes()).isEqualTo("rabbit-conn");
        });
        env.rabbit().publish(queue, 2);
        Eventually.within(Duration.ofSeconds(15), () -> assertThat(env.cluster().replicas("with-auth")).isEqualTo(1));
    }
}
