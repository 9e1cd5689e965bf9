package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.operator.autoscaling.AuthObjects;
import dev.ebbflow.operator.autoscaling.ClusterEnvironment;
import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.testkit.Eventually;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A changed Secret or TriggerAuthentication takes effect on a ScaledJob at once, not at its next
 * polling interval (60 s here, far beyond the waits).
 */
class ScaledJobAuthChangeTest {

    private static final String WRONG_PASSWORD = "not-the-guest-password";
    private static final String BAD_URL = RabbitQueues.amqpUrlWithPassword(WRONG_PASSWORD);
    /** Far below the 60 s polling interval: only a watch event explains a change within this. */
    private static final Duration QUICKLY = Duration.ofSeconds(15);

    @RegisterExtension
    static final ClusterEnvironment<ScaledJobCluster> env = ClusterEnvironment.of(ScaledJobCluster::new);
    static AuthObjects auth;

    @BeforeAll
    static void start() {
        auth = new AuthObjects(env.client(), ScaledJobCluster.NS);
    }

    private void scaledJob(String name, String queue) {
        env.cluster().create(ScaledJobCluster.slowScaledJob(name, "", """
                metadata:
                  queueName: %s
                  mode: QueueLength
                  value: "1"
                authenticationRef:
                  name: %s
                """.formatted(queue, name)));
    }

    /** Secret {@code name} with {@code secretData}, TriggerAuthentication {@code name} reading host from {@code key}, and the ScaledJob. */
    private void authenticated(String name, Map<String, String> secretData, String key, String queue) {
        auth.putSecret(name, secretData);
        auth.putHostFromSecret(name, name, key);
        scaledJob(name, queue);
    }

    private KedaCondition ready(String name) {
        KedaCondition c = env.cluster().condition(name, KedaConditions.READY);
        assertThat(c).as("Ready of " + name).isNotNull();
        return c;
    }

    private void awaitReason(String name, String reason, Duration within) {
        Eventually.within(within, () -> assertThat(ready(name).getReason()).isEqualTo(reason));
    }

    @Test
    void aSecretGivenTheRightPasswordMakesTheScaledJobReadyBeforeItsNextPoll() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("fix-me", Map.of("host", BAD_URL), "host", queue);
        awaitReason("fix-me", "TriggerError", Duration.ofSeconds(20));
        assertThat(ready("fix-me").getMessage()).doesNotContain(WRONG_PASSWORD);

        auth.putSecret("fix-me", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReason("fix-me", "ScaledJobReady", QUICKLY);
    }

    @Test
    void anEditedTriggerAuthenticationTakesEffectBeforeTheNextPoll() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("two-keys", Map.of("good", RabbitQueues.AMQP_URL, "bad", BAD_URL), "good", queue);
        awaitReason("two-keys", "ScaledJobReady", Duration.ofSeconds(20));

        auth.putHostFromSecret("two-keys", "two-keys", "bad");

        awaitReason("two-keys", "TriggerError", QUICKLY);
    }

    @Test
    void aDeletedSecretMakesTheScaledJobNotReadyNamingTheFieldUntilItIsBack() throws Exception {
        String queue = env.rabbit().declare();
        authenticated("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL), "host", queue);
        awaitReason("comes-and-goes", "ScaledJobReady", Duration.ofSeconds(20));

        auth.deleteSecret("comes-and-goes");

        awaitReason("comes-and-goes", "ScaledJobCheckFailed", QUICKLY);
        assertThat(ready("comes-and-goes").getMessage()).contains("spec.secretTargetRef[0].name")
                .contains("Secret 'comes-and-goes' not found");

        auth.putSecret("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReason("comes-and-goes", "ScaledJobReady", QUICKLY);
    }
}
