package dev.ebbflow.e2e.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaCondition;
import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaling path end to end on the real control plane, as a KEDA user runs it: the RabbitMQ
 * example (Secret, TriggerAuthentication, Deployment, ScaledObject) on the real broker, the operator's
 * external metrics API behind the aggregation layer, and kube-controller-manager's HPA controller (5 s
 * sync) reading {@code s0-rabbitmq-orders} through the API server and scaling the Deployment to
 * ceil(messages / 10); the operator takes it 0 -> 1 and, once the queue is empty for cooldownPeriod, back to 0.
 */
@ExtendWith(RealControlPlane.class)
class RabbitMqHpaOnRealControlPlaneTest {

    private static final int MESSAGES = 25;
    private static final int TARGET_PER_REPLICA = 10;
    private static final int COOLDOWN_SECONDS = 5;

    static KubernetesClient client;
    static String ns;
    static RabbitMqVhost broker;
    static AggregatedOperator operator;

    @BeforeAll
    static void start(ControlPlane cp, @TempDir Path tls) throws Exception {
        client = cp.newClient();
        KedaCrds.install(client);
        ns = cp.createNamespace(client, "hpa");
        broker = new RabbitMqVhost();
        broker.declare(RabbitMqExample.QUEUE);
        operator = AggregatedOperator.start(client, ns, tls);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (operator != null) {
                // While the operator runs, so that it takes its finalizer off and the namespace can go.
                client.resources(ScaledObject.class).inNamespace(ns).withName(RabbitMqExample.SCALED_OBJECT).delete();
                client.resources(ScaledObject.class).inNamespace(ns).withName(RabbitMqExample.SCALED_OBJECT)
                        .waitUntilCondition(so -> so == null, 30, TimeUnit.SECONDS);
                operator.close();
            }
        } finally {
            if (ns != null) {
                client.namespaces().withName(ns).delete();
            }
            if (broker != null) {
                broker.close();
            }
            client.close();
        }
    }

    @Test
    void theRealHpaScalesTheWorkerOnTheQueueThroughTheAggregatedMetricsApiAndTheOperatorTakesItBackToZero() throws Exception {
        RabbitMqExample.apply(client, ns, broker.amqpUrl(), so -> {
            so.getSpec().setPollingInterval(1);
            so.getSpec().setCooldownPeriod(COOLDOWN_SECONDS);
        });
        // The example's Deployment has no replicas, so the API server defaults it to 1; with an empty queue the operator takes it to 0.
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(condition(KedaConditions.READY).getStatus()).isEqualTo("True");
            assertThat(replicas()).isZero();
        });

        broker.publish(RabbitMqExample.QUEUE, MESSAGES);
        int expected = (MESSAGES + TARGET_PER_REPLICA - 1) / TARGET_PER_REPLICA;
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(hpa().getStatus().getDesiredReplicas()).isEqualTo(expected);
            assertThat(replicas()).isEqualTo(expected);
        });

        // What `kubectl get --raw` shows: the value the HPA read, through the aggregation layer.
        JsonObject list = new JsonObject(client.raw("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + ns + "/" + RabbitMqExample.METRIC
                + "?labelSelector=scaledobject.keda.sh/name=" + RabbitMqExample.SCALED_OBJECT));
        assertThat(list.getString("kind")).isEqualTo("ExternalMetricValueList");
        assertThat(list.getJsonArray("items")).hasSize(1);
        assertThat(list.getJsonArray("items").getJsonObject(0).getString("metricName")).isEqualTo(RabbitMqExample.METRIC);
        assertThat(list.getJsonArray("items").getJsonObject(0).getString("value")).isEqualTo(String.valueOf(MESSAGES));

        // What `kubectl api-resources` lists: the cluster's aggregated discovery, which the aggregator builds from the
        // legacy documents once the API answers its request for aggregated discovery with 406.
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(aggregatedDiscoveryResources("external.metrics.k8s.io"))
                .containsExactly("externalmetrics"));

        // What `kubectl events --for hpa/keda-hpa-orders-worker` and `kubectl get scaledobject` show.
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(hpaEvents("SuccessfulRescale"))
                .anySatisfy(e -> assertThat(e.getMessage()).startsWith("New size: " + expected + "; reason: external metric "
                        + RabbitMqExample.METRIC)));
        assertThat(hpaCondition("AbleToScale").getStatus()).isEqualTo("True");
        assertThat(hpaCondition("ScalingActive").getStatus()).isEqualTo("True");
        assertThat(condition(KedaConditions.READY).getStatus()).isEqualTo("True");
        assertThat(condition(KedaConditions.ACTIVE).getStatus()).isEqualTo("True");
        assertThat(condition(KedaConditions.FALLBACK).getStatus()).isEqualTo("False");
        // KEDA up to 2.17 leaves a never-paused ScaledObject's Paused condition Unknown (2.18 writes False): either way, not True.
        assertThat(condition(KedaConditions.PAUSED).getStatus()).isIn("Unknown", "False");

        broker.purge(RabbitMqExample.QUEUE);
        long drained = System.nanoTime();
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(replicas()).isZero());
        // The operator waits cooldownPeriod after the last active poll (at most one polling interval before the purge).
        assertThat(Duration.ofNanos(System.nanoTime() - drained)).isGreaterThanOrEqualTo(Duration.ofSeconds(COOLDOWN_SECONDS - 1));
        assertThat(condition(KedaConditions.ACTIVE).getStatus()).isEqualTo("False");
        // With the target at 0 replicas the HPA stands aside, as it does under KEDA.
        Eventually.within(Duration.ofSeconds(15), () -> assertThat(hpaCondition("ScalingActive"))
                .satisfies(c -> assertThat(c.getStatus() + " " + c.getReason()).isEqualTo("False ScalingDisabled")));

        // The aggregator fetches the API's OpenAPI document as system:aggregator, a user with no group of its own,
        // and merges it into the cluster's: it is let in only as a member of system:authenticated.
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(new JsonObject(client.raw("/openapi/v2")).getJsonObject("paths").fieldNames())
                .contains("/apis/external.metrics.k8s.io/v1beta1/namespaces/{namespace}/{metricName}"));
    }

    @Test
    void onlyTheCommonNameTheClusterAllowsMayNameUsersToTheMetricsApi(ControlPlane cp) throws Exception {
        // kube-apiserver publishes --requestheader-allowed-names=front-proxy-client in kube-system/extension-apiserver-authentication;
        // the operator, given no --requestheader-allowed-names, reads it there as aggregated API servers do.
        FrontProxyClients frontProxyCa = FrontProxyClients.of(cp);
        URI discovery = URI.create("https://127.0.0.1:" + operator.operator().metricsApiPort() + "/apis/external.metrics.k8s.io/v1beta1");
        String[] admin = {"X-Remote-User", "system:admin", "X-Remote-Group", "system:masters"};
        var intruder = frontProxyCa.get("intruder", operator.servingCertificate(), discovery, admin);
        assertThat(intruder.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(intruder.body()).getString("message"))
                .isEqualTo("Unauthorized: client certificate CN \"intruder\" is not in requestheader-allowed-names");
        var proxy = frontProxyCa.get("front-proxy-client", operator.servingCertificate(), discovery, admin);
        assertThat(proxy.statusCode()).as(proxy.body()).isEqualTo(200);
    }

    /** The resources the cluster's aggregated discovery (what kubectl reads) lists for a group. */
    private static List<String> aggregatedDiscoveryResources(String group) {
        HttpClient http = client.getHttpClient();
        HttpRequest request = http.newHttpRequestBuilder().uri(URI.create(client.getMasterUrl().toString()).resolve("/apis"))
                .header("Accept", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList").build();
        HttpResponse<String> response = http.sendAsync(request, String.class).join();
        assertThat(response.code()).as(response.body()).isEqualTo(200);
        List<String> resources = new ArrayList<>();
        JsonArray items = new JsonObject(response.body()).getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            if (group.equals(item.getJsonObject("metadata").getString("name"))) {
                JsonArray versions = item.getJsonArray("versions");
                for (int v = 0; v < versions.size(); v++) {
                    JsonArray listed = versions.getJsonObject(v).getJsonArray("resources", new JsonArray());
                    for (int r = 0; r < listed.size(); r++) {
                        resources.add(listed.getJsonObject(r).getString("resource"));
                    }
                }
            }
        }
        return resources;
    }

    private static int replicas() {
        Integer r = client.apps().deployments().inNamespace(ns).withName(RabbitMqExample.DEPLOYMENT).get().getSpec().getReplicas();
        return r == null ? 0 : r;
    }

    private static HorizontalPodAutoscaler hpa() {
        HorizontalPodAutoscaler hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).withName(RabbitMqExample.HPA).get();
        assertThat(hpa).as(RabbitMqExample.HPA).isNotNull();
        assertThat(hpa.getStatus()).as(RabbitMqExample.HPA + " status").isNotNull();
        return hpa;
    }

    private static HorizontalPodAutoscalerCondition hpaCondition(String type) {
        return hpa().getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError(RabbitMqExample.HPA + " has no condition " + type));
    }

    private static List<Event> hpaEvents(String reason) {
        return client.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> "HorizontalPodAutoscaler".equals(e.getInvolvedObject().getKind())
                        && RabbitMqExample.HPA.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason()))
                .toList();
    }

    private static KedaCondition condition(String type) {
        ScaledObject so = client.resources(ScaledObject.class).inNamespace(ns).withName(RabbitMqExample.SCALED_OBJECT).get();
        return KedaConditions.get(so == null ? null : so.getStatus(), type)
                .orElseThrow(() -> new AssertionError("ScaledObject " + RabbitMqExample.SCALED_OBJECT + " has no condition " + type));
    }
}
