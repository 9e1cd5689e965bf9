package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Create, update and delete of a ScaledObject against the mock API server, with the real operator. */
class ScaledObjectLifecycleTest {

    @RegisterExtension
    static final ClusterEnvironment<OperatorFixture> env = ClusterEnvironment.of(OperatorFixture::new);

    static String scaledObject(String name, String deployment, String queue, int max, String extra) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: %s
                spec:
                  scaleTargetRef:
                    name: %s
                  pollingInterval: 1
                  cooldownPeriod: 2
                  maxReplicaCount: %d
                %s  triggers:
                    - type: rabbitmq
                      metadata:
                        host: %s
                        queueName: %s
                        mode: QueueLength
                        value: "5"
                """.formatted(name, deployment, max, extra, RabbitQueues.AMQP_URL, queue);
    }

    @Test
    void createGeneratesTheHpaLabelsTheScaledObjectAndReportsReady() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("orders", 0);
        env.cluster().apply(scaledObject("orders", "orders", queue, 5, ""));

        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-orders")).isNotNull());
        HorizontalPodAutoscaler hpa = env.cluster().hpa("keda-hpa-orders");
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("orders");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> {
                    assertThat(o.getKind()).isEqualTo("ScaledObject");
                    assertThat(o.getName()).isEqualTo("orders");
                    assertThat(o.getController()).isTrue();
                });
        MetricSpec metric = hpa.getSpec().getMetrics().get(0);
        assertThat(metric.getType()).isEqualTo("External");
        assertThat(metric.getExternal().getMetric().getName()).isEqualTo("s0-rabbitmq-" + queue);
        assertThat(metric.getExternal().getMetric().getSelector().getMatchLabels()).isEqualTo(Map.of("scaledobject.keda.sh/name", "orders"));
        assertThat(metric.getExternal().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(metric.getExternal().getTarget().getAverageValue().toString()).isEqualTo("5");

        Eventually.within(Duration.ofSeconds(10), () -> {
            ScaledObject so = env.cluster().scaledObject("orders");
            assertThat(so.getMetadata().getLabels()).containsEntry("scaledobject.keda.sh/name", "orders");
            assertThat(so.getMetadata().getFinalizers()).isNotEmpty();
            assertThat(KedaConditions.isTrue(so.getStatus(), KedaConditions.READY)).isTrue();
            assertThat(so.getStatus().getHpaName()).isEqualTo("keda-hpa-orders");
            assertThat(so.getStatus().getExternalMetricNames()).containsExactly("s0-rabbitmq-" + queue);
            assertThat(so.getStatus().getTriggersTypes()).isEqualTo("rabbitmq");
            assertThat(so.getStatus().getOriginalReplicaCount()).isZero();
            assertThat(so.getStatus().getScaleTargetKind()).isEqualTo("apps/v1.Deployment");
            assertThat(so.getStatus().getScaleTargetGVKR().getResource()).isEqualTo("deployments");
        });
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(env.cluster().events("orders", "ScaledObjectReady")).isNotEmpty());
    }

    @Test
    void specChangesUpdateTheHpa() throws Exception {
        String queue = env.rabbit().declare();
        String second = env.rabbit().declare();
        env.cluster().deployment("billing", 0);
        env.cluster().apply(scaledObject("billing", "billing", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-billing")).isNotNull());

        ScaledObject so = env.cluster().scaledObject("billing");
        so.getSpec().setMaxReplicaCount(7);
        dev.ebbflow.crds.keda.ScaleTrigger added = new dev.ebbflow.crds.keda.ScaleTrigger();
        added.setType("rabbitmq");
        added.setMetadata(Map.of("host", RabbitQueues.AMQP_URL, "queueName", second, "mode", "QueueLength", "value", "10"));
        java.util.List<dev.ebbflow.crds.keda.ScaleTrigger> triggers = new java.util.ArrayList<>(so.getSpec().getTriggers());
        triggers.add(added);
        so.getSpec().setTriggers(triggers);
        so.getMetadata().setGeneration(null);
        env.client().resource(so).update();

        Eventually.within(Duration.ofSeconds(20), () -> {
            HorizontalPodAutoscaler hpa = env.cluster().hpa("keda-hpa-billing");
            assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
            assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getExternal().getMetric().getName())
                    .containsExactly("s0-rabbitmq-" + queue, "s1-rabbitmq-" + second);
            assertThat(hpa.getSpec().getMetrics().get(1).getExternal().getTarget().getAverageValue().toString()).isEqualTo("10");
            assertThat(env.cluster().scaledObject("billing").getStatus().getExternalMetricNames()).hasSize(2);
        });
    }

    @Test
    void anHpaDeletedBehindTheOperatorsBackIsPutBack() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("audit", 0);
        env.cluster().apply(scaledObject("audit", "audit", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-audit")).isNotNull());
        String uid = env.cluster().hpa("keda-hpa-audit").getMetadata().getUid();

        env.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(OperatorFixture.NS).withName("keda-hpa-audit").delete();

        Eventually.within(Duration.ofSeconds(20), () -> {
            HorizontalPodAutoscaler hpa = env.cluster().hpa("keda-hpa-audit");
            assertThat(hpa).isNotNull();
            assertThat(hpa.getMetadata().getUid()).isNotEqualTo(uid);
        });
    }

    @Test
    void deletionRemovesTheHpaAndRestoresTheOriginalReplicaCount() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("reports", 3);
        env.cluster().apply(scaledObject("reports", "reports", queue, 5, """
                  advanced:
                    restoreToOriginalReplicaCount: true
                    horizontalPodAutoscalerConfig:
                      name: reports-hpa
                """));
        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().hpa("reports-hpa")).isNotNull();
            assertThat(env.cluster().scaledObject("reports").getStatus().getOriginalReplicaCount()).isEqualTo(3);
        });
        // Nothing in the queue: after the 2 s cooldown the operator scales the target to zero.
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().replicas("reports")).isZero());

        env.client().resources(ScaledObject.class).inNamespace(OperatorFixture.NS).withName("reports").delete();

        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().scaledObject("reports")).isNull();
            assertThat(env.cluster().hpa("reports-hpa")).isNull();
            assertThat(env.cluster().replicas("reports")).isEqualTo(3);
        });
    }

    @Test
    void deletionWithoutRestoreLeavesTheReplicaCount() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("mailer", 2);
        env.cluster().apply(scaledObject("mailer", "mailer", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().replicas("mailer")).isZero());

        env.client().resources(ScaledObject.class).inNamespace(OperatorFixture.NS).withName("mailer").delete();

        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(env.cluster().scaledObject("mailer")).isNull();
            assertThat(env.cluster().hpa("keda-hpa-mailer")).isNull();
        });
        assertThat(env.cluster().replicas("mailer")).isZero();
    }
}
