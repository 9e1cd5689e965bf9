package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.operator.autoscaling.Eventually;
import dev.ebbflow.operator.autoscaling.RabbitQueues;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A changed Secret or TriggerAuthentication takes effect on a ScaledJob at once, not at its next
 * polling interval (60 s here, far beyond the waits).
 */
@EnableKubernetesMockClient(crud = true)
class ScaledJobAuthChangeTest {

    private static final String WRONG_PASSWORD = "not-the-guest-password";
    private static final String BAD_URL = RabbitQueues.amqpUrlWithPassword(WRONG_PASSWORD);
    private static final Duration QUICKLY = Duration.ofSeconds(6);

    static KubernetesClient client;
    static ScaledJobCluster cluster;
    static RabbitQueues broker;

    @BeforeAll
    static void start() throws Exception {
        broker = new RabbitQueues();
        cluster = new ScaledJobCluster(client);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        broker.close();
    }

    private void putSecret(String name, Map<String, String> data) {
        client.secrets().inNamespace(ScaledJobCluster.NS).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(ScaledJobCluster.NS).endMetadata()
                .withStringData(data).build()).createOr(e -> e.update());
    }

    private void triggerAuthentication(String name, String key) {
        client.resource(client.getKubernetesSerialization().unmarshal("""
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
                """.formatted(name, ScaledJobCluster.NS, name, key), TriggerAuthentication.class)).createOr(e -> e.update());
    }

    private void scaledJob(String name, String queue) {
        cluster.create("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata:
                  name: %s
                spec:
                  pollingInterval: 60
                  jobTargetRef:
                    template:
                      spec:
                        restartPolicy: Never
                        containers:
                          - name: agent
                            image: agent:1
                  triggers:
                    - type: rabbitmq
                      metadata:
                        queueName: %s
                        mode: QueueLength
                        value: "1"
                      authenticationRef:
                        name: %s
                """.formatted(name, queue, name));
    }

    private KedaCondition ready(String name) {
        KedaCondition c = cluster.condition(name, KedaConditions.READY);
        assertThat(c).as("Ready of " + name).isNotNull();
        return c;
    }

    private void awaitReason(String name, String reason, Duration within) {
        Eventually.within(within, () -> assertThat(ready(name).getReason()).isEqualTo(reason));
    }

    @Test
    void aSecretGivenTheRightPasswordMakesTheScaledJobReadyBeforeItsNextPoll() throws Exception {
        String queue = broker.declare();
        putSecret("fix-me", Map.of("host", BAD_URL));
        triggerAuthentication("fix-me", "host");
        scaledJob("fix-me", queue);
        awaitReason("fix-me", "TriggerError", Duration.ofSeconds(20));
        assertThat(ready("fix-me").getMessage()).doesNotContain(WRONG_PASSWORD);

        putSecret("fix-me", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReason("fix-me", "ScaledJobReady", QUICKLY);
    }

    @Test
    void anEditedTriggerAuthenticationTakesEffectBeforeTheNextPoll() throws Exception {
        String queue = broker.declare();
        putSecret("two-keys", Map.of("good", RabbitQueues.AMQP_URL, "bad", BAD_URL));
        triggerAuthentication("two-keys", "good");
        scaledJob("two-keys", queue);
        awaitReason("two-keys", "ScaledJobReady", Duration.ofSeconds(20));

        triggerAuthentication("two-keys", "bad");

        awaitReason("two-keys", "TriggerError", QUICKLY);
    }

    @Test
    void aDeletedSecretMakesTheScaledJobNotReadyNamingTheFieldUntilItIsBack() throws Exception {
        String queue = broker.declare();
        putSecret("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL));
        triggerAuthentication("comes-and-goes", "host");
        scaledJob("comes-and-goes", queue);
        awaitReason("comes-and-goes", "ScaledJobReady", Duration.ofSeconds(20));

        client.secrets().inNamespace(ScaledJobCluster.NS).withName("comes-and-goes").delete();

        awaitReason("comes-and-goes", "ScaledJobCheckFailed", QUICKLY);
        assertThat(ready("comes-and-goes").getMessage()).contains("spec.secretTargetRef[0].name")
                .contains("Secret 'comes-and-goes' not found");

        putSecret("comes-and-goes", Map.of("host", RabbitQueues.AMQP_URL));

        awaitReason("comes-and-goes", "ScaledJobReady", QUICKLY);
    }
}
