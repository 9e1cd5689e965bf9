package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A changed Secret or TriggerAuthentication takes effect without touching the ScaledObject: the
 * triggers are rebuilt with the new credentials against the real broker, and Ready follows.
 */
@EnableKubernetesMockClient(crud = true)
class ScaledObjectAuthChangeTest {

    static final String WRONG_PASSWORD = "not-the-guest-password";
    static final String BAD_URL = RabbitQueues.amqpUrlWithPassword(WRONG_PASSWORD);
    /** Far below the 10 s retry of an invalid ScaledObject: only a watch event explains such a quick change. */
    static final Duration QUICKLY = Duration.ofSeconds(6);

    static KubernetesClient client;
    static OperatorFixture cluster;
    static RabbitQueues rabbit;

    @BeforeAll
    static void start() throws Exception {
        assertThat(BAD_URL).contains(WRONG_PASSWORD);
        rabbit = new RabbitQueues();
        cluster = new OperatorFixture(client);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        rabbit.close();
    }

    static Secret secret(String name, Map<String, String> data) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(OperatorFixture.NS).endMetadata()
                .withStringData(data).build();
    }

    void putSecret(String name, Map<String, String> data) {
        client.secrets().inNamespace(OperatorFixture.NS).resource(secret(name, data)).createOr(e -> e.update());
    }

    void triggerAuthentication(String name, String secret, String key) {
        TriggerAuthentication ta = client.getKubernetesSerialization().unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  secretTargetRef:
                    - parameter: host
                      name: %s
                      key: %s
                """.formatted(name, OperatorFixture.NS, secret, key), TriggerAuthentication.class);
        client.resource(ta).createOr(e -> e.update());
    }

    void scaledObject(String name, String queue, String auth) {
        cluster.deployment(name, 0);
        cluster.apply("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  pollingInterval: 1
                  triggers:
                    - type: rabbitmq
                      metadata:
                        queueName: %s
                        mode: QueueLength
                        value: "5"
                      authenticationRef:
                        name: %s
                """.formatted(name, name, queue, auth));
    }

    KedaCondition ready(String name) {
        KedaCondition c = cluster.condition(name, KedaConditions.READY);
        assertThat(c).as("Ready of " + name).isNotNull();
        return c;
    }

    void awaitReady(String name, Duration within) {
        Eventually.within(within, () -> assertThat(ready(name).getReason()).isEqualTo("ScaledObjectReady"));
        assertThat(ready(name).getStatus()).isEqualTo("True");
    }

    void awaitTriggerError(String name, Duration within) {
        Eventually.within(within, () -> assertThat(ready(name).getReason()).isEqualTo("TriggerError"));
        assertThat(ready(name).getStatus()).isEqualTo("False");
    }

    long specGeneration(String name) {
        return cluster.scaledObject(name).getMetadata().getGeneration();
    }

    void assertNoPasswordInStatusOrEvents(String name) {
        assertThat(client.getKubernetesSerialization().asJson(cluster.scaledObject(name).getStatus())).doesNotContain(WRONG_PASSWORD);
        assertThat(client.v1().events().inNamespace(OperatorFixture.NS).list().getItems())
                .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD));
    }

    @Test
    void aSecretGivenTheRightPasswordMakesTheScaledObjectReadyAtOnce() throws Exception {
        String queue = rabbit.declare();
        putSecret("fix-me", Map.of("host", BAD_URL));
        triggerAuthentication("fix-me", "fix-me", "host");
        scaledObject("fix-me", queue, "fix-me");
        awaitTriggerError("fix-me", Duration.ofSeconds(20));
        long generation = specGeneration("fix-me");

        putSecret("fix-me", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReady("fix-me", QUICKLY);
        assertThat(specGeneration("fix-me")).as("the ScaledObject was not touched").isEqualTo(generation);
        assertNoPasswordInStatusOrEvents("fix-me");
    }

    @Test
    void aSecretGivenAWrongPasswordBreaksTheScaledObjectAtOnce() throws Exception {
        String queue = rabbit.declare();
        putSecret("break-me", Map.of("host", RabbitQueues.AMQP_URL));
        triggerAuthentication("break-me", "break-me", "host");
        scaledObject("break-me", queue, "break-me");
        awaitReady("break-me", Duration.ofSeconds(20));

        putSecret("break-me", Map.of("host", BAD_URL));

        awaitTriggerError("break-me", QUICKLY);
        assertNoPasswordInStatusOrEvents("break-me");
    }

    @Test
    void anEditedTriggerAuthenticationTakesEffectAtOnce() throws Exception {
        String queue = rabbit.declare();
        putSecret("two-keys", Map.of("bad", BAD_URL, "good", RabbitQueues.AMQP_URL));
        triggerAuthentication("two-keys", "two-keys", "bad");
        scaledObject("two-keys", queue, "two-keys");
        awaitTriggerError("two-keys", Duration.ofSeconds(20));

        triggerAuthentication("two-keys", "two-keys", "good");

        awaitReady("two-keys", QUICKLY);
    }

    @Test
    void aDeletedSecretMakesTheScaledObjectNotReadyNamingTheFieldAndItsReturnReadyAgain() throws Exception {
        String queue = rabbit.declare();
        putSecret("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL));
        triggerAuthentication("comes-and-goes", "comes-and-goes", "host");
        scaledObject("comes-and-goes", queue, "comes-and-goes");
        awaitReady("comes-and-goes", Duration.ofSeconds(20));

        client.secrets().inNamespace(OperatorFixture.NS).withName("comes-and-goes").delete();

        Eventually.within(QUICKLY, () -> {
            KedaCondition ready = ready("comes-and-goes");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getMessage()).contains("spec.triggers[0].authenticationRef")
                    .contains("spec.secretTargetRef[0].name").contains("Secret 'comes-and-goes' not found");
        });
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(cluster.operator.scaledObjectsInScaleLoop()).isPositive());

        putSecret("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReady("comes-and-goes", QUICKLY);
    }
}
