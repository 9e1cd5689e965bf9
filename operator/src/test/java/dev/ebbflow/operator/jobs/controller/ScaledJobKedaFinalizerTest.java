package dev.ebbflow.operator.jobs.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.kube.KedaFinalizer;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ScaledJobs migrated from KEDA carry finalizer.keda.sh; Ebbflow removes it with its own, so they delete cleanly. */
@EnableKubernetesMockClient(crud = true)
class ScaledJobKedaFinalizerTest {

    static KubernetesClient client;
    static ScaledJobCluster cluster;

    @BeforeAll
    static void start() {
        // Deleted after KEDA was uninstalled and before Ebbflow ran: only KEDA's finalizer holds it.
        client.resource(withKedasFinalizer("orphan")).create();
        client.resources(ScaledJob.class).inNamespace(ScaledJobCluster.NS).withName("orphan").delete();
        assertThat(scaledJob("orphan").isMarkedForDeletion()).isTrue();
        cluster = new ScaledJobCluster(client);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    static ScaledJob scaledJob(String name) {
        return client.resources(ScaledJob.class).inNamespace(ScaledJobCluster.NS).withName(name).get();
    }

    static ScaledJob withKedasFinalizer(String name) {
        ScaledJob sj = client.getKubernetesSerialization().unmarshal(ScaledJobCluster.slowScaledJob(name, "finalizers: [\"finalizer.keda.sh\"]", """
                metadata:
                  host: amqp://guest:guest@127.0.0.1:5672/
                  queueName: never-read
                  value: "1"
                """), ScaledJob.class);
        assertThat(sj.getMetadata().getFinalizers()).isEqualTo(List.of(KedaFinalizer.NAME));
        return sj;
    }

    @Test
    void aMigratedScaledJobDeletesCleanly() {
        client.resource(withKedasFinalizer("migrated")).create();
        Eventually.within(Duration.ofSeconds(20), () ->
                assertThat(scaledJob("migrated").getMetadata().getFinalizers()).hasSize(2).contains(KedaFinalizer.NAME));

        client.resources(ScaledJob.class).inNamespace(ScaledJobCluster.NS).withName("migrated").delete();

        Eventually.within(Duration.ofSeconds(15), () -> assertThat(scaledJob("migrated")).isNull());
    }

    @Test
    void aScaledJobHeldOnlyByKedasFinalizerIsReleased() {
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(scaledJob("orphan")).isNull());
    }
}
