package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.autoscaling.ClusterEnvironment;
import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.testkit.Eventually;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.testkit.RepositoryFiles;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * examples/scaledjob-ci-agent as a user applies it (only the Secret's URL and the queue name point at
 * the test broker): the trigger's host comes through the TriggerAuthentication, and no credential
 * leaks into status or Events when the broker refuses it.
 */
class ScaledJobExampleTest {

    private static final Path EXAMPLE = RepositoryFiles.directory("examples").resolve("scaledjob-ci-agent");

    @RegisterExtension
    static final ClusterEnvironment<ScaledJobCluster> env = ClusterEnvironment.of(ScaledJobCluster::new);

    private static <T> T example(String file, Class<T> type) throws IOException {
        return env.client().getKubernetesSerialization().unmarshal(Files.readString(EXAMPLE.resolve(file)), type);
    }

    /** The example, renamed so tests do not share it, on {@code queue}, fast polling, host URL from a Secret. */
    private static void applyExample(String name, String queue, String amqpUrl) throws IOException {
        env.client().secrets().inNamespace(ScaledJobCluster.NS).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(ScaledJobCluster.NS).endMetadata()
                .withStringData(Map.of("amqp-url", amqpUrl)).build()).create();
        TriggerAuthentication auth = example("triggerauthentication.yaml", TriggerAuthentication.class);
        auth.getMetadata().setName(name);
        auth.getMetadata().setNamespace(ScaledJobCluster.NS);
        auth.getSpec().getSecretTargetRef().get(0).setName(name);
        env.client().resource(auth).create();
        ScaledJob sj = example("scaledjob.yaml", ScaledJob.class);
        sj.getMetadata().setName(name);
        sj.getMetadata().setNamespace(ScaledJobCluster.NS);
        sj.getSpec().setPollingInterval(1);
        sj.getSpec().getTriggers().get(0).getAuthenticationRef().setName(name);
        sj.getSpec().getTriggers().get(0).setMetadata(Map.of("queueName", queue, "mode", "QueueLength", "value", "1"));
        env.client().resource(sj).create();
    }

    @Test
    void theExampleCreatesOneAgentPerQueuedBuild() throws Exception {
        String queue = env.rabbit().declare();
        env.rabbit().publish(queue, 3);
        applyExample("ci-agent", queue, RabbitQueues.AMQP_URL);

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().jobs("ci-agent")).hasSize(3));
        Job job = env.cluster().jobs("ci-agent").get(0);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).getValueFrom().getSecretKeyRef().getName())
                .as("the template is copied as written").isEqualTo("ci-rabbitmq");
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().scaledJob("ci-agent").getStatus().getAuthenticationsTypes()).isEqualTo("ci-agent"));
        // accurate: the three Jobs are pending and cover the three waiting builds.
        ScaledJobCluster.severalPolls();
        assertThat(env.cluster().jobs("ci-agent")).hasSize(3);
    }

    @Test
    void refusedCredentialsNeverLeakIntoStatusOrEvents() throws Exception {
        String password = "not-the-password-" + System.nanoTime();
        URI broker = URI.create(RabbitQueues.AMQP_URL);
        String wrong = "amqp://guest:" + password + "@" + broker.getHost() + ":" + broker.getPort() + "/";
        applyExample("ci-agent-wrong", "builds", wrong);

        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().condition("ci-agent-wrong", "Ready").getStatus()).isEqualTo("False");
            assertThat(env.cluster().condition("ci-agent-wrong", "Ready").getReason()).isEqualTo("TriggerError");
        });
        assertThat(env.cluster().condition("ci-agent-wrong", "Ready").getMessage()).startsWith(
                "Triggers defined in ScaledJob are not working correctly: spec.triggers[0]:").doesNotContain(password);
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().events("ci-agent-wrong", "KEDAScalerFailed")).hasSize(1));
        ScaledJobCluster.severalPolls();
        assertThat(env.cluster().events("ci-agent-wrong", "KEDAScalerFailed")).as("one Event per outage, not per poll").hasSize(1);
        assertThat(env.client().v1().events().inNamespace(ScaledJobCluster.NS).list().getItems()).extracting(Event::getMessage)
                .noneMatch(m -> m.contains(password));
        assertThat(env.cluster().scrape()).contains("keda_scaled_job_errors_total{namespace=\"ci\",scaledJob=\"ci-agent-wrong\"}");
        assertThat(env.cluster().jobs("ci-agent-wrong")).isEmpty();
    }

    @Test
    void aMissingTriggerAuthenticationIsReportedNamingTheField() throws Exception {
        ScaledJob sj = example("scaledjob.yaml", ScaledJob.class);
        sj.getMetadata().setName("ci-agent-noauth");
        sj.getMetadata().setNamespace(ScaledJobCluster.NS);
        sj.getSpec().getTriggers().get(0).getAuthenticationRef().setName("nowhere");
        env.client().resource(sj).create();

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().condition("ci-agent-noauth", "Ready").getMessage())
                .startsWith("spec.triggers[0].authenticationRef.name: TriggerAuthentication 'nowhere' not found"));
        assertThat(env.cluster().condition("ci-agent-noauth", "Ready").getReason()).isEqualTo("ScaledJobCheckFailed");
    }
}
