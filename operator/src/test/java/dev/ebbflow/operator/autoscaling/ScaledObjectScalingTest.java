package dev.ebbflow.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.TriggerActivityStatus;
import dev.ebbflow.operator.metricsapi.ExternalMetricValue;
import dev.ebbflow.operator.metricsapi.LabelSelector;
import dev.ebbflow.operator.metricsapi.MetricLookupException;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Activation, cooldown, pause and fallback: the scale loop against the real broker, with the mock API server. */
class ScaledObjectScalingTest {

    @RegisterExtension
    static final ClusterEnvironment<OperatorFixture> env = ClusterEnvironment.of(OperatorFixture::new);

    private static LabelSelector selector(String name) {
        return LabelSelector.parse("scaledobject.keda.sh/name=" + name);
    }

    @Test
    void activatesOnMessagesServesTheQueueLengthAndScalesBackToZeroAfterTheCooldown() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("consumer", 0);
        env.cluster().apply(ScaledObjectLifecycleTest.scaledObject("consumer", "consumer", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-consumer")).isNotNull());
        Thread.sleep(1500);
        assertThat(env.cluster().replicas("consumer")).as("an empty queue does not activate").isZero();

        env.rabbit().publish(queue, 12);

        Eventually.within(Duration.ofSeconds(15), () -> assertThat(env.cluster().replicas("consumer")).isEqualTo(1));
        Eventually.within(Duration.ofSeconds(10), () -> {
            ScaledObject so = env.cluster().scaledObject("consumer");
            assertThat(KedaConditions.isTrue(so.getStatus(), KedaConditions.ACTIVE)).isTrue();
            assertThat(so.getStatus().getLastActiveTime()).isNotNull();
            assertThat(so.getStatus().getTriggersActivity()).containsExactly(
                    java.util.Map.entry("s0-rabbitmq-" + queue, new TriggerActivityStatus(true)));
            assertThat(env.cluster().events("consumer", "KEDAScaleTargetActivated")).singleElement()
                    .satisfies(e -> assertThat(e.getMessage()).contains("from 0 to 1"));
        });
        String metric = "s0-rabbitmq-" + queue;
        List<ExternalMetricValue> values = env.cluster().operator.metricsProvider().read(OperatorFixture.NS, metric, selector("consumer"));
        assertThat(values).singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("12"));
        assertThat(httpsGet("/apis/external.metrics.k8s.io/v1beta1/namespaces/apps/" + metric
                + "?labelSelector=scaledobject.keda.sh%2Fname%3Dconsumer")).contains("\"value\":\"12\"").contains(metric);

        env.rabbit().purge(queue);

        Eventually.within(Duration.ofSeconds(15), () -> assertThat(env.cluster().replicas("consumer")).isZero());
        Eventually.within(Duration.ofSeconds(5), () -> {
            assertThat(KedaConditions.isTrue(env.cluster().scaledObject("consumer").getStatus(), KedaConditions.ACTIVE)).isFalse();
            assertThat(env.cluster().scaledObject("consumer").getStatus().getTriggersActivity())
                    .containsEntry("s0-rabbitmq-" + queue, new TriggerActivityStatus(false));
            assertThat(env.cluster().events("consumer", "KEDAScaleTargetDeactivated")).isNotEmpty();
        });
        assertThat(scrape()).contains("keda_scaler_metrics_value{").contains("scaledObject=\"consumer\"")
                .contains("keda_scaler_active{").contains("keda_resource_registered_total")
                // KEDA's name of the RabbitMQ scaler, as dashboards made for KEDA select it.
                .contains("scaler=\"rabbitMQScaler\"").doesNotContain("scaler=\"rabbitmqScaler\"");
    }

    @Test
    void theHpaActiveConditionFollowsTheScalingActiveConditionOfTheGeneratedHpa() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("hpahealth", 1);
        env.cluster().apply(ScaledObjectLifecycleTest.scaledObject("hpahealth", "hpahealth", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-hpahealth")).isNotNull());
        assertThat(env.cluster().condition("hpahealth", "HPAActive")).as("nothing known before the HPA reports").isNull();

        setScalingActive("keda-hpa-hpahealth", "False", "FailedGetExternalMetric", "unable to get external metric apps/s0-rabbitmq-x");

        Eventually.within(Duration.ofSeconds(10), () -> {
            var c = env.cluster().condition("hpahealth", "HPAActive");
            assertThat(c).isNotNull();
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("HPAMetricsUnavailable");
            assertThat(c.getMessage()).isEqualTo("FailedGetExternalMetric: unable to get external metric apps/s0-rabbitmq-x");
            assertThat(KedaConditions.isTrue(env.cluster().scaledObject("hpahealth").getStatus(), KedaConditions.READY))
                    .as("an HPA that cannot read metrics no longer turns Ready False").isTrue();
        });

        setScalingActive("keda-hpa-hpahealth", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count");

        Eventually.within(Duration.ofSeconds(10), () -> assertThat(env.cluster().condition("hpahealth", "HPAActive").getReason()).isEqualTo("HPAActive"));
    }

    private static void setScalingActive(String hpaName, String status, String reason, String message) {
        var hpas = env.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(OperatorFixture.NS);
        var hpa = hpas.withName(hpaName).get();
        hpa.setStatus(new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatusBuilder()
                .withCurrentReplicas(1).withDesiredReplicas(1)
                .addNewCondition().withType("ScalingActive").withStatus(status).withReason(reason).withMessage(message).endCondition()
                .build());
        hpas.resource(hpa).updateStatus();
    }

    @Test
    void metricsApiRefusesUnknownMetricsAndScaledObjects() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("lookup", 0);
        env.cluster().apply(ScaledObjectLifecycleTest.scaledObject("lookup", "lookup", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-lookup")).isNotNull());

        assertThatThrownBy(() -> env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-other", selector("lookup")))
                .isInstanceOfSatisfying(MetricLookupException.class, e -> assertThat(e.kind()).isEqualTo(MetricLookupException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-" + queue, selector("missing")))
                .isInstanceOfSatisfying(MetricLookupException.class, e -> assertThat(e.kind()).isEqualTo(MetricLookupException.Kind.NOT_FOUND));
        assertThat(env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-" + queue, selector("lookup")))
                .singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("0"));
    }

    @Test
    void pausedReplicasPinTheTargetAndRemoveTheHpaUntilUnpaused() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("paused", 0);
        env.cluster().apply(ScaledObjectLifecycleTest.scaledObject("paused", "paused", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().hpa("keda-hpa-paused")).isNotNull());

        annotate("paused", "autoscaling.keda.sh/paused-replicas", "3");

        Eventually.within(Duration.ofSeconds(15), () -> {
            assertThat(env.cluster().replicas("paused")).isEqualTo(3);
            assertThat(env.cluster().hpa("keda-hpa-paused")).isNull();
            ScaledObject so = env.cluster().scaledObject("paused");
            assertThat(KedaConditions.isTrue(so.getStatus(), KedaConditions.PAUSED)).isTrue();
            assertThat(so.getStatus().getPausedReplicaCount()).isEqualTo(3);
        });
        env.rabbit().publish(queue, 30);
        Thread.sleep(2000);
        assertThat(env.cluster().replicas("paused")).as("paused: messages change nothing").isEqualTo(3);

        annotate("paused", "autoscaling.keda.sh/paused-replicas", null);

        Eventually.within(Duration.ofSeconds(15), () -> {
            assertThat(env.cluster().hpa("keda-hpa-paused")).isNotNull();
            ScaledObject so = env.cluster().scaledObject("paused");
            assertThat(KedaConditions.get(so.getStatus(), KedaConditions.PAUSED).orElseThrow().getStatus()).isEqualTo("False");
            assertThat(so.getStatus().getPausedReplicaCount()).isNull();
        });
    }

    @Test
    void pausedScaleInKeepsTheTargetUpAndDisablesTheHpasScaleDown() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("nodown", 2);
        // Annotated from the start: its first poll, with the queue empty, would otherwise take the target to 0 at once.
        env.cluster().apply(ScaledObjectLifecycleTest.scaledObject("nodown", "nodown", queue, 5, "")
                .replace("  name: nodown\n", "  name: nodown\n  annotations:\n    autoscaling.keda.sh/paused-scale-in: \"true\"\n"));

        Eventually.within(Duration.ofSeconds(20), () -> {
            var hpa = env.cluster().hpa("keda-hpa-nodown");
            assertThat(hpa).isNotNull();
            assertThat(hpa.getSpec().getBehavior().getScaleDown().getSelectPolicy()).isEqualTo("Disabled");
        });
        Thread.sleep(3500); // past the 2 s cooldown
        assertThat(env.cluster().replicas("nodown")).isEqualTo(2);
    }

    @Test
    void aBrokerOutageTurnsOnTheFallbackAndTheMetricsApiServesTheFallbackReplicas() throws Exception {
        env.cluster().deployment("outage", 2);
        // Port 1 on loopback: nothing listens, every read fails at once.
        String yaml = """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: outage
                spec:
                  scaleTargetRef:
                    name: outage
                  pollingInterval: 1
                  cooldownPeriod: 2
                  fallback:
                    failureThreshold: 2
                    replicas: 4
                  triggers:
                    - type: rabbitmq
                      metadata:
                        host: amqp://guest:guest@127.0.0.1:1/
                        queueName: gone
                        mode: QueueLength
                        value: "5"
                """;
        env.cluster().apply(yaml);

        Eventually.within(Duration.ofSeconds(20), () -> {
            ScaledObject so = env.cluster().scaledObject("outage");
            assertThat(KedaConditions.isTrue(so.getStatus(), KedaConditions.FALLBACK)).isTrue();
            assertThat(so.getStatus().getHealth().get("s0-rabbitmq-gone").getStatus()).isEqualTo("Failing");
            assertThat(so.getStatus().getHealth().get("s0-rabbitmq-gone").getNumberOfFailures()).isGreaterThan(2);
        });
        // AverageValue target 5 x 4 fallback replicas: the HPA computes 20 / 5 = 4.
        assertThat(env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-gone", selector("outage")))
                .singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("20"));
        assertThat(env.cluster().replicas("outage")).as("a failing scaler with a fallback holds the count").isEqualTo(2);
        assertThat(scrape()).contains("keda_scaler_detail_errors_total{").contains("scaledObject=\"outage\"");
    }

    @Test
    void aDeletedQueueWithoutFallbackIsATriggerErrorAndRecovers() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("recovers", 0);
        env.cluster().apply(ScaledObjectLifecycleTest.scaledObject("recovers", "recovers", queue, 5, ""));
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(
                KedaConditions.isTrue(env.cluster().scaledObject("recovers").getStatus(), KedaConditions.READY)).isTrue());

        env.rabbit().delete(queue);

        Eventually.within(Duration.ofSeconds(15), () -> assertThat(
                KedaConditions.get(env.cluster().scaledObject("recovers").getStatus(), KedaConditions.READY).orElseThrow().getReason())
                .isEqualTo("TriggerError"));
        assertThatThrownBy(() -> env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-" + queue, selector("recovers")))
                .isInstanceOfSatisfying(MetricLookupException.class, e -> assertThat(e.kind()).isEqualTo(MetricLookupException.Kind.UNAVAILABLE));

        env.rabbit().declare(queue);
        env.rabbit().publish(queue, 3);

        Eventually.within(Duration.ofSeconds(20), () -> {
            assertThat(KedaConditions.get(env.cluster().scaledObject("recovers").getStatus(), KedaConditions.READY).orElseThrow().getReason())
                    .isEqualTo("ScaledObjectReady");
            assertThat(env.cluster().replicas("recovers")).isEqualTo(1);
        });
    }

    @Test
    void useCachedMetricsServesThePollsReadingUntilThePollingIntervalPasses() throws Exception {
        String queue = env.rabbit().declare();
        env.cluster().deployment("cached", 0);
        String yaml = ScaledObjectLifecycleTest.scaledObject("cached", "cached", queue, 5, "")
                .replace("pollingInterval: 1", "pollingInterval: 6")
                .replace("    - type: rabbitmq\n", "    - type: rabbitmq\n      useCachedMetrics: true\n");
        assertThat(yaml).contains("useCachedMetrics: true");
        env.rabbit().publish(queue, 3);
        env.cluster().apply(yaml);
        // The first poll (at registration) activates the target and leaves its reading in the cache.
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(env.cluster().replicas("cached")).isEqualTo(1));

        env.rabbit().publish(queue, 5);
        Thread.sleep(500); // let the broker count them

        assertThat(env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-" + queue, selector("cached")))
                .as("served from the last poll, not the broker").singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("3"));
        Eventually.within(Duration.ofSeconds(15), () -> {
            try {
                assertThat(env.cluster().operator.metricsProvider().read(OperatorFixture.NS, "s0-rabbitmq-" + queue, selector("cached")))
                        .singleElement().satisfies(v -> assertThat(v.quantity()).isEqualTo("8"));
            } catch (MetricLookupException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** A patch, as kubectl annotate sends it (the operator writes the same object concurrently); a null value removes the annotation. */
    private void annotate(String name, String key, String value) {
        var so = env.client().resources(ScaledObject.class).inNamespace(OperatorFixture.NS).withName(name);
        if (value == null) {
            // JSON patch: the mock server's merge patch keeps a null-valued key instead of removing it.
            so.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/" + key.replace("/", "~1") + "\"}]");
        } else {
            so.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}");
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + env.cluster().operator.metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private String httpsGet(String path) throws Exception {
        HttpResponse<String> r = InsecureHttps.client(HttpClient.Version.HTTP_1_1).send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + env.cluster().operator.metricsApiPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
