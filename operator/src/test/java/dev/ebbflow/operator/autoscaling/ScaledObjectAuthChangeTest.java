package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.testkit.Eventually;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A changed Secret or TriggerAuthentication takes effect without touching the ScaledObject: the
 * triggers are rebuilt with the new credentials against the real broker, and Ready follows.
 */
class ScaledObjectAuthChangeTest {

    static final String WRONG_PASSWORD = "not-the-guest-password";
    static final String BAD_URL = RabbitQueues.amqpUrlWithPassword(WRONG_PASSWORD);
    /** A valid ScaledObject is never compiled again on its own: only a watch event explains any change within this. */
    static final Duration QUICKLY = Duration.ofSeconds(15);
    /** Below the 10 s retry of an invalid ScaledObject: only a watch event explains a change this quick. */
    static final Duration BEFORE_RETRY = Duration.ofSeconds(8);

    @RegisterExtension
    static final ClusterEnvironment<OperatorFixture> env = ClusterEnvironment.of(OperatorFixture::new);
    static AuthObjects auth;

    @BeforeAll
    static void start() {
        assertThat(BAD_URL).contains(WRONG_PASSWORD);
        auth = new AuthObjects(env.client(), OperatorFixture.NS);
    }

    /** Secret {@code name} with {@code secretData}, TriggerAuthentication {@code name} reading host from {@code key}, and the ScaledObject. */
    void authenticated(String name, Map<String, String> secretData, String key, String queue) {
        auth.putSecret(name, secretData);
        auth.putHostFromSecret(name, name, key);
        scaledObject(name, queue, name);
    }

    void scaledObject(String name, String queue, String auth) {
        env.cluster().deployment(name, 0);
        env.cluster().apply("""
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
        KedaCondition c = env.cluster().condition(name, KedaConditions.READY);
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
        return env.cluster().scaledObject(name).getMetadata().getGeneration();
    }

    void assertNoPasswordInStatusOrEvents(String name) {
        assertThat(env.client().getKubernetesSerialization().asJson(env.cluster().scaledObject(name).getStatus())).doesNotContain(WRONG_PASSWORD);
        assertThat(env.client().v1().events().inNamespace(OperatorFixture.NS).list().getItems())
                .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD));
    }

    @Test
    void aSecretGivenTheRightPasswordMakesTheScaledObjectReadyAtOnce() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("fix-me", Map.of("host", BAD_URL), "host", queue);
        awaitTriggerError("fix-me", Duration.ofSeconds(20));
        long generation = specGeneration("fix-me");

        auth.putSecret("fix-me", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReady("fix-me", QUICKLY);
        assertThat(specGeneration("fix-me")).as("the ScaledObject was not touched").isEqualTo(generation);
        assertNoPasswordInStatusOrEvents("fix-me");
    }

    @Test
    void aSecretGivenAWrongPasswordBreaksTheScaledObjectAtOnce() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("break-me", Map.of("host", RabbitQueues.AMQP_URL), "host", queue);
        awaitReady("break-me", Duration.ofSeconds(20));

        auth.putSecret("break-me", Map.of("host", BAD_URL));

        awaitTriggerError("break-me", QUICKLY);
        assertNoPasswordInStatusOrEvents("break-me");
    }

    @Test
    void anEditedTriggerAuthenticationTakesEffectAtOnce() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("two-keys", Map.of("bad", BAD_URL, "good", RabbitQueues.AMQP_URL), "bad", queue);
        awaitTriggerError("two-keys", Duration.ofSeconds(20));

        auth.putHostFromSecret("two-keys", "two-keys", "good");

        awaitReady("two-keys", QUICKLY);
    }

    @Test
    void aDeletedSecretMakesTheScaledObjectNotReadyNamingTheFieldAndItsReturnReadyAgain() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL), "host", queue);
        awaitReady("comes-and-goes", Duration.ofSeconds(20));

        auth.deleteSecret("comes-and-goes");

        Eventually.within(QUICKLY, () -> {
            KedaCondition ready = ready("comes-and-goes");
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getMessage()).contains("spec.triggers[0].authenticationRef")
                    .contains("spec.secretTargetRef[0].name").contains("Secret 'comes-and-goes' not found");
        });

        auth.putSecret("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReady("comes-and-goes", BEFORE_RETRY);
    }
}
