package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.kube.KedaFinalizer;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ScaledObjects migrated from KEDA carry finalizer.keda.sh; Ebbflow removes it with its own cleanup, so they delete cleanly. */
@EnableKubernetesMockClient(crud = true)
class KedaFinalizerTakeoverTest {

    static KubernetesClient client;
    static OperatorFixture cluster;
    static RabbitQueues rabbit;
    static String queue;

    @BeforeAll
    static void start() throws Exception {
        rabbit = new RabbitQueues();
        queue = rabbit.declare();
        deletedWhileNoOperatorRan();
        cluster = new OperatorFixture(client);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
        rabbit.close();
    }

    static ScaledObject withKedasFinalizer(String name, String specExtra) {
        ScaledObject so = client.getKubernetesSerialization().unmarshal(
                ScaledObjectLifecycleTest.scaledObject(name, name, queue, 5, specExtra), ScaledObject.class);
        so.getMetadata().setNamespace(OperatorFixture.NS);
        so.getMetadata().setFinalizers(List.of(KedaFinalizer.NAME));
        return so;
    }

    /** As KEDA left it: its HPA, and a ScaledObject deleted after KEDA was uninstalled, held by KEDA's finalizer alone. */
    static void deletedWhileNoOperatorRan() {
        OperatorFixture.deployment(client, "orphan", 1);
        client.resource(withKedasFinalizer("orphan", "")).create();
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(OperatorFixture.NS).resource(new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("keda-hpa-orphan").withNamespace(OperatorFixture.NS).endMetadata()
                .withNewSpec().withMaxReplicas(5).withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment")
                .withName("orphan").endScaleTargetRef().endSpec().build()).create();
        client.resources(ScaledObject.class).inNamespace(OperatorFixture.NS).withName("orphan").delete();
        ScaledObject held = client.resources(ScaledObject.class).inNamespace(OperatorFixture.NS).withName("orphan").get();
        assertThat(held).as("KEDA's finalizer holds the deleted ScaledObject").isNotNull();
        assertThat(held.isMarkedForDeletion()).isTrue();
    }

    @Test
    void aMigratedScaledObjectDeletesCleanlyWithItsHpaAndRestoresTheReplicas() {
        OperatorFixture.deployment(client, "migrated", 3);
        // minReplicaCount 1: the scale loop never scales this target itself, so deletion races no scale action.
        client.resource(withKedasFinalizer("migrated", """
                  minReplicaCount: 1
                  advanced:
                    restoreToOriginalReplicaCount: true
                """)).create();
        Eventually.within(Duration.ofSeconds(20), () -> {
            ScaledObject so = cluster.scaledObject("migrated");
            assertThat(cluster.hpa("keda-hpa-migrated")).isNotNull();
            assertThat(so.getMetadata().getFinalizers()).hasSize(2).contains(KedaFinalizer.NAME);
            assertThat(so.getStatus().getOriginalReplicaCount()).isEqualTo(3);
            assertThat(KedaConditions.get(so.getStatus(), KedaConditions.ACTIVE)).get()
                    .satisfies(c -> assertThat(c.getStatus()).isEqualTo(KedaConditions.FALSE));
        });
        // What the HPA would have done meanwhile.
        client.apps().deployments().inNamespace(OperatorFixture.NS).withName("migrated").scale(2);

        client.resources(ScaledObject.class).inNamespace(OperatorFixture.NS).withName("migrated").delete();

        Eventually.within(Duration.ofSeconds(15), () -> {
            assertThat(cluster.scaledObject("migrated")).isNull();
            assertThat(cluster.hpa("keda-hpa-migrated")).isNull();
            assertThat(cluster.replicas("migrated")).isEqualTo(3);
        });
    }

    @Test
    void aScaledObjectHeldOnlyByKedasFinalizerIsCleanedUpAndReleased() {
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(cluster.scaledObject("orphan")).isNull();
            assertThat(cluster.hpa("keda-hpa-orphan")).isNull();
        });
    }
}
