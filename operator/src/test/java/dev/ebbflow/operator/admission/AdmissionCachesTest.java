package dev.ebbflow.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.metrics.ScaledObjectIndex;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook answers from informer caches: once they have listed, admitting ScaledObjects and
 * ScaledJobs sends no request to the API server, and a ScaledObject admitted a moment ago still
 * counts as scaling its workload before any cache has heard of it.
 */
class AdmissionCachesTest {

    private static final String NS = "apps";

    private final ManualClock clock = new ManualClock();

    private KubernetesMockServer server;
    private KubernetesClient client;
    private ScalerRegistry registry;
    private ScaledObjectIndex index;
    private AdmissionCaches caches;
    private KedaAdmission admission;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        client.resource(object("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: by-hand, namespace: apps}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: manual}
                  maxReplicas: 3
                """)).create();
        client.resource(typed(scaledObject("first", "shared"), ScaledObject.class)).create();
        client.resource(typed("""
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: rabbit-env, namespace: apps}
                spec:
                  env: [{parameter: host, name: RABBIT_URL}]
                """, TriggerAuthentication.class)).create();
        registry = ScalerRegistry.loadInstalled();
        index = new ScaledObjectIndex(client, Set.of(NS));
        caches = AdmissionCaches.start(client, index, Set.of(NS), clock);
        admission = KedaAdmission.cached(client, registry, "ebbflow", caches);
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(caches.hasSynced()).isTrue());
    }

    @AfterEach
    void stop() {
        if (caches != null) {
            caches.close();
        }
        if (index != null) {
            index.close();
        }
        if (registry != null) {
            registry.close();
        }
        client.close();
        server.destroy();
    }

    @Test
    void admissionsAfterTheCachesListedSendNoRequestToTheApiServer() throws InterruptedException {
        requestsSoFar();

        Verdict second = review("ScaledObject", scaledObject("second", "shared"));
        Verdict overHpa = review("ScaledObject", scaledObject("over-hpa", "manual"));
        Verdict fresh = review("ScaledObject", scaledObject("fresh", "own-worker"));
        Verdict withAuth = review("ScaledJob", scaledJob("env-auth", "rabbit-env"));
        Verdict missingAuth = review("ScaledJob", scaledJob("later-auth", "comes-later"));

        assertThat(second.message()).contains("the workload 'shared' of type 'apps/Deployment' is already managed by the ScaledObject 'first'");
        assertThat(overHpa.message()).contains("the workload 'manual' of type 'apps/Deployment' is already managed by the hpa 'by-hand'");
        assertThat(fresh.allowed()).as(fresh.message()).isTrue();
        assertThat(withAuth.allowed()).as(withAuth.message()).isTrue();
        assertThat(withAuth.warnings()).isEmpty();
        assertThat(missingAuth.warnings()).anySatisfy(w -> assertThat(w).contains("TriggerAuthentication 'comes-later' not found"));
        // Informers may re-open a watch meanwhile; no GET or LIST may reach the server.
        assertThat(requestsSoFar()).as("requests the API server received while admitting").allMatch(r -> r.contains("watch=true"));
    }

    /** The requests the server received since the last call, as "METHOD path". */
    private List<String> requestsSoFar() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (var r = server.takeRequest(0, TimeUnit.SECONDS); r != null; r = server.takeRequest(0, TimeUnit.SECONDS)) {
            out.add(r.getMethod() + " " + r.getPath());
        }
        return out;
    }

    @Test
    void aScaledObjectAdmittedJustBeforeCountsUntilTheCacheHasIt() {
        assertThat(review("ScaledObject", scaledObject("early", "busy")).allowed()).isTrue();

        Verdict rival = review("ScaledObject", scaledObject("rival", "busy"));

        assertThat(rival.message()).contains("the workload 'busy' of type 'apps/Deployment' is already managed by the ScaledObject 'early'");
        assertThat(review("ScaledObject", scaledObject("early", "busy")).allowed()).as("its own update is no conflict").isTrue();

        clock.advance(AdmissionCaches.KEEP_ADMITTED.plusSeconds(1));
        assertThat(review("ScaledObject", scaledObject("rival", "busy")).allowed())
                .as("never stored (e.g. refused by another check): forgotten after " + AdmissionCaches.KEEP_ADMITTED).isTrue();
    }

    @Test
    void aDryRunLeavesNoTrace() {
        admission.apply(reviewOf("ScaledObject", scaledObject("dry", "tried"), true));

        assertThat(review("ScaledObject", scaledObject("real", "tried")).allowed()).isTrue();
    }

    @Test
    void theCacheTakesOverOnceItHoldsTheStoredObject() {
        HasMetadata stored = client.resource(typed(scaledObject("stored", "kept"), ScaledObject.class)).create();
        Eventually.within(Duration.ofSeconds(5), () -> assertThat(index.inNamespace(NS)).anySatisfy(
                so -> assertThat(so.getMetadata().getName()).isEqualTo(stored.getMetadata().getName())));

        assertThat(review("ScaledObject", scaledObject("rival2", "kept")).message()).contains("already managed by the ScaledObject 'stored'");
    }

    private Verdict review(String kind, String yaml) {
        return admission.apply(reviewOf(kind, yaml, false));
    }

    private AdmissionReview reviewOf(String kind, String yaml, boolean dryRun) {
        HasMetadata o = object(yaml);
        return new AdmissionReview("uid-" + o.getMetadata().getName(), kind, "CREATE", NS, o.getMetadata().getName(),
                new JsonObject(client.getKubernetesSerialization().asJson(o)), dryRun);
    }

    private <T> T typed(String yaml, Class<T> type) {
        return client.getKubernetesSerialization().unmarshal(yaml, type);
    }

    private HasMetadata object(String yaml) {
        return client.getKubernetesSerialization().unmarshal(yaml, HasMetadata.class);
    }

    private static String scaledObject(String name, String target) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: %s, namespace: apps}
                spec:
                  scaleTargetRef: {name: %s}
                  triggers:
                  - {type: rabbitmq, metadata: {queueName: q, mode: QueueLength, value: '5', host: 'amqp://rabbit/'}}
                """.formatted(name, target);
    }

    private static String scaledJob(String name, String auth) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledJob
                metadata: {name: %s, namespace: apps}
                spec:
                  jobTargetRef:
                    template:
                      spec:
                        containers: [{name: job, image: busybox, env: [{name: RABBIT_URL, value: 'amqp://rabbit/'}]}]
                  triggers:
                  - {type: rabbitmq, authenticationRef: {name: %s}, metadata: {queueName: q, mode: QueueLength, value: '5'}}
                """.formatted(name, auth);
    }
}
