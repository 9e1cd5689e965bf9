package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KEDA ScaledObject that mixes a queue with {@code cpu} and {@code cron} triggers, applied unchanged on the
 * real control plane: the API server accepts the generated HPA with its Resource and External metrics, the
 * cron window activates the Deployment from zero and the HPA holds {@code desiredReplicas}, and the queue
 * takes it higher. (No metrics-server runs here, so the cpu metric stays unavailable, as it would on a
 * cluster without one: the HPA then scales up on the other metrics but never down.)
 */
@ExtendWith(RealControlPlane.class)
class MixedTriggersOnRealControlPlaneTest {

    private static final int CRON_REPLICAS = 2;

    static ExampleOnOperator example;

    @BeforeAll
    static void start(ControlPlane cp, @TempDir Path tls) throws Exception {
        example = ExampleOnOperator.start(cp, tls, "mixed");
    }

    @AfterAll
    static void stop() throws Exception {
        if (example != null) {
            example.close();
        }
    }

    @Test
    void cronActivatesTheHpaHoldsItsReplicasBesideCpuAndTheQueueTakesItHigher() throws Exception {
        // A window that opened a minute ago and closes in half an hour, in UTC.
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime opened = now.minusMinutes(1);
        ZonedDateTime closes = now.plusMinutes(30);
        String start = opened.getMinute() + " " + opened.getHour() + " * * *";
        String end = closes.getMinute() + " " + closes.getHour() + " * * *";
        RabbitMqExample.apply(example.client, example.namespace, example.broker.amqpUrl(), so -> {
            so.getSpec().setPollingInterval(1);
            ScaleTrigger cpu = new ScaleTrigger();
            cpu.setType("cpu");
            cpu.setMetricType("Utilization");
            cpu.setMetadata(Map.of("value", "60"));
            ScaleTrigger cron = new ScaleTrigger();
            cron.setType("cron");
            cron.setMetadata(Map.of("timezone", "Etc/UTC", "start", start, "end", end, "desiredReplicas", String.valueOf(CRON_REPLICAS)));
            so.getSpec().getTriggers().add(cpu);
            so.getSpec().getTriggers().add(cron);
        });
        String cronMetric = "s2-cron-Etc-UTC-" + start.replace(" ", "").replace("*", "x") + "-" + end.replace(" ", "").replace("*", "x");

        Eventually.within(Duration.ofSeconds(30), () -> {
            ScaledObject so = example.scaledObject();
            assertThat(KedaConditions.get(so.getStatus(), KedaConditions.READY).orElseThrow().getStatus()).isEqualTo("True");
            assertThat(KedaConditions.get(so.getStatus(), KedaConditions.ACTIVE).orElseThrow().getStatus()).isEqualTo("True");
            assertThat(so.getStatus().getExternalMetricNames()).containsExactly(RabbitMqExample.METRIC, cronMetric);
            assertThat(so.getStatus().getResourceMetricNames()).containsExactly("cpu");
        });
        HorizontalPodAutoscaler hpa = hpa();
        assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).containsExactly("External", "Resource", "External");
        assertThat(hpa.getSpec().getMetrics().get(1).getResource().getTarget().getAverageUtilization()).isEqualTo(60);
        assertThat(hpa.getSpec().getMetrics().get(2).getExternal().getMetric().getName()).isEqualTo(cronMetric);

        // The operator takes the target 0 -> 1 on the open window, the HPA 1 -> desiredReplicas on the cron metric.
        Eventually.within(Duration.ofSeconds(40), () -> assertThat(example.replicas()).as("%s %s", hpa().getStatus(), raw(cronMetric)).isEqualTo(CRON_REPLICAS));

        example.broker.publish(RabbitMqExample.QUEUE, 25);
        Eventually.within(Duration.ofSeconds(40), () -> assertThat(example.replicas()).as("%s", hpa().getStatus()).isEqualTo(3));
    }

    private static String raw(String metric) {
        try {
            return example.client.raw("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + example.namespace + "/" + metric
                    + "?labelSelector=scaledobject.keda.sh/name=" + RabbitMqExample.SCALED_OBJECT);
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static HorizontalPodAutoscaler hpa() {
        return example.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(example.namespace).withName(RabbitMqExample.HPA).get();
    }
}
