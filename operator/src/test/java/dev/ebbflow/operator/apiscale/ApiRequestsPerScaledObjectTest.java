package dev.ebbflow.operator.apiscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.operator.autoscaling.core.HpaActiveCondition;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.EbbflowOperator;
import dev.ebbflow.operator.autoscaling.AuthObjects;
import dev.ebbflow.operator.autoscaling.RabbitQueues;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.Crds;
import dev.ebbflow.testkit.kube.RealControlPlane;
import dev.ebbflow.operator.bench.Workers;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What N ScaledObjects cost the real API server, counted by the API server itself
 * ({@code apiserver_request_total}): each with its Deployment and a RabbitMQ trigger on the real broker,
 * all reading the broker's URL through one TriggerAuthentication backed by a Secret. Requests per
 * ScaledObject from its creation until it is ready (HPA created, Ready, first poll written), and per
 * polling interval once nothing changes. The ceilings are what 10,000 ScaledObjects need to be ready
 * within minutes under the chart's client rate limit.
 */
@ExtendWith(RealControlPlane.class)
class ApiRequestsPerScaledObjectTest {

    static final int N = 50;
    static final int POLLING_SECONDS = 5;
    static final int STEADY_INTERVALS = 3;
    static final double PER_SCALED_OBJECT_UNTIL_READY = 4.0;
    static final double PER_SCALED_OBJECT_PER_INTERVAL = 0.1;

    static KubernetesClient admin;
    static KubernetesClient operatorClient;
    static String ns;
    static RabbitQueues broker;
    static String queue;

    private static Workers workers() {
        return new Workers(admin.getKubernetesSerialization(), ns, 10, POLLING_SECONDS);
    }
    static EbbflowOperator operator;
    static SharedIndexInformer<ScaledObject> scaledObjects;
    static SharedIndexInformer<HorizontalPodAutoscaler> hpas;
    /** The operator's reads of /scale, which the API server's count cannot tell from the HPA controller's. */
    static final AtomicLong scaleReads = new AtomicLong();

    @BeforeAll
    static void start(ControlPlane cp) throws Exception {
        admin = cp.newClient();
        Crds.applyRepositoryCrds(admin);
        ns = cp.createNamespace(admin, "apireq");
        broker = new RabbitQueues();
        queue = broker.declare();
        AuthObjects auth = new AuthObjects(admin, ns);
        auth.putSecret("rabbit", Map.of("host", RabbitQueues.AMQP_URL));
        auth.putHostFromSecret("rabbit", "rabbit", "host");
        IntStream.range(0, N + 1).parallel().forEach(i -> admin.apps().deployments().inNamespace(ns).resource(workers().deployment(i)).create());
        // The deployment controller's own writes (ReplicaSets, status) are done before anything is counted.
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(admin.apps().deployments().inNamespace(ns).list().getItems())
                .allSatisfy(d -> assertThat(d.getStatus() == null ? null : d.getStatus().getObservedGeneration()).isEqualTo(1L)));

        operatorClient = new KubernetesClientBuilder().withConfig(cp.config())
                .withHttpClientFactory(new VertxHttpClientFactory())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("count-scale-reads", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        if ("GET".equals(request.method()) && request.uri().getPath().endsWith("/scale")) {
                            scaleReads.incrementAndGet();
                        }
                    }
                })).build();
        OperatorSettings settings = new OperatorSettings(Set.of(ns), 1000, 2000, "INFO", false, "ebbflow-operator", ns, ns, 0, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), false);
        operator = EbbflowOperator.builder().settings(settings).client(operatorClient).scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1").withoutMetricsApiClientAuthentication().scaleLoopWorkers(4).build().start();
        scaledObjects = admin.resources(ScaledObject.class).inNamespace(ns).inform();
        hpas = admin.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).inform();
        // One ScaledObject first: the operator's informers and the namespace's Deployment watch are started, a one-off cost.
        admin.resource(workers().authenticatedBy("rabbit", N, queue)).create();
        awaitReady(N, N + 1);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (operator != null) {
                // While the operator runs, so that it takes its finalizer off and the namespace can go.
                admin.resources(ScaledObject.class).inNamespace(ns).delete();
                Eventually.within(Duration.ofSeconds(60), () -> assertThat(admin.resources(ScaledObject.class).inNamespace(ns).list().getItems()).isEmpty());
                operator.close();
            }
        } finally {
            if (scaledObjects != null) {
                scaledObjects.close();
                hpas.close();
            }
            if (ns != null) {
                admin.namespaces().withName(ns).delete();
            }
            if (broker != null) {
                broker.delete(queue);
                broker.close();
            }
            if (operatorClient != null) {
                operatorClient.close();
            }
            admin.close();
        }
    }

    @Test
    void aScaledObjectCostsAtMostFourRequestsUntilReadyAndAlmostNoneWhileNothingChanges() {
        long scaleReadsBefore = scaleReads.get();
        long hpaActiveBefore = hpaActiveOnServer();
        Map<String, Long> before = ApiServerRequests.snapshot(admin);
        IntStream.range(0, N).parallel().forEach(i -> admin.resource(workers().authenticatedBy("rabbit", i, queue)).create());
        awaitReady(0, N);
        // Whatever the operator still had in flight for them (a late Event, a second status write) is counted too.
        Eventually.pause(Duration.ofSeconds(2));
        Map<String, Long> untilReady = ApiServerRequests.difference(ApiServerRequests.snapshot(admin), before);
        untilReady.merge("POST scaledobjects", (long) -N, Long::sum); // the test's own creates
        Map<String, Long> operatorUntilReady = ApiServerRequests.operatorOnly(untilReady);
        // HPAActive mirrors the HPA controller's first report on the generated HPA, which comes after Ready
        // (at its next sync): one more status write per ScaledObject, as KEDA's, counted apart from the 4.
        // Counted on the server around the snapshots, not from the informer: a write the snapshot counts may not
        // have reached the informer yet. The warm-up ScaledObject's own HPAActive write may land in the window too.
        // A ScaledObject whose HPA reported before its first status write gets HPAActive in that write, at no
        // cost: only status writes beyond one per ScaledObject are excused, as many as HPAActive conditions appeared.
        long hpaActiveWritten = Math.min(hpaActiveOnServer() - hpaActiveBefore,
                Math.max(0, operatorUntilReady.getOrDefault("PUT scaledobjects/status", 0L) - N));

        // The steady state starts once every HPA has reported and that write is done.
        Eventually.within(Duration.ofSeconds(150), () -> assertThat(IntStream.range(0, N).allMatch(ApiRequestsPerScaledObjectTest::hpaActiveWritten))
                .as("HPAActive on every ScaledObject").isTrue());
        Eventually.pause(Duration.ofSeconds(2));
        Map<String, Long> steadyBefore = ApiServerRequests.snapshot(admin);
        Eventually.pause(Duration.ofSeconds((long) POLLING_SECONDS * STEADY_INTERVALS));
        Map<String, Long> steady = ApiServerRequests.operatorOnly(ApiServerRequests.difference(ApiServerRequests.snapshot(admin), steadyBefore));

        double perObject = (double) (ApiServerRequests.total(operatorUntilReady) - hpaActiveWritten) / N;
        double perInterval = (double) ApiServerRequests.total(steady) / N / STEADY_INTERVALS;
        System.out.printf("%d ScaledObjects (" + hpaActiveWritten + " status writes for HPAActive in the window, not counted): %.2f requests each until ready %s; %.3f each per polling interval %s (all requests until ready: %s)%n",
                N, perObject, operatorUntilReady, perInterval, steady, untilReady);
        assertThat(scaleReads.get() - scaleReadsBefore).as("GETs of /scale by the operator").isZero();
        assertThat(perObject).as("requests per ScaledObject until ready: %s", operatorUntilReady).isLessThanOrEqualTo(PER_SCALED_OBJECT_UNTIL_READY);
        assertThat(perInterval).as("requests per ScaledObject per polling interval: %s", steady).isLessThanOrEqualTo(PER_SCALED_OBJECT_PER_INTERVAL);
    }

    static long hpaActiveOnServer() {
        return admin.resources(ScaledObject.class).inNamespace(ns).list().getItems().stream()
                .filter(so -> KedaConditions.get(so.getStatus(), HpaActiveCondition.TYPE).isPresent()).count();
    }

    static boolean hpaActiveWritten(int i) {
        ScaledObject so = scaledObjects.getStore().getByKey(ns + "/so-" + i);
        return so != null && KedaConditions.get(so.getStatus(), HpaActiveCondition.TYPE).isPresent();
    }

    /** ScaledObjects {@code from} until {@code to} (exclusive): HPA there, Ready, and their first poll's Active written. */
    static void awaitReady(int from, int to) {
        Eventually.within(Duration.ofSeconds(90), () -> {
            for (int i = from; i < to; i++) {
                ScaledObject so = scaledObjects.getStore().getByKey(ns + "/so-" + i);
                assertThat(so).as("so-" + i).isNotNull();
                assertThat(KedaConditions.isTrue(so.getStatus(), KedaConditions.READY)).as("so-%d Ready: %s", i, so.getStatus()).isTrue();
                assertThat(KedaConditions.get(so.getStatus(), KedaConditions.ACTIVE).map(c -> c.getStatus()).orElse(null))
                        .as("so-%d Active", i).isEqualTo("False");
                assertThat(hpas.getStore().getByKey(ns + "/keda-hpa-so-" + i)).as("HPA of so-" + i).isNotNull();
            }
        });
    }

}
