package dev.ebbflow.operator.autoscaling.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScaleTargetsTest {

    private static final String NS = "apps";

    KubernetesClient client;
    KubernetesMockServer server;
    private ScaleTargets targets;

    @AfterEach
    void close() {
        if (targets != null) {
            targets.close();
        }
    }

    @Test
    void aDeploymentsReplicasComeFromAWatchNotFromAGetOfScaleOnEveryPoll() throws Exception {
        deployment("orders", 3);
        ScaleTargets.Target target = freshTarget(ref("Deployment", "orders"));

        for (int i = 0; i < 5; i++) {
            assertThat(targets.currentReplicas(target)).isEqualTo(3);
        }
        client.apps().deployments().inNamespace(NS).withName("orders").edit(d -> {
            d.getSpec().setReplicas(7);
            return d;
        });
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(replicas(target)).isEqualTo(7));

        assertThat(drainRequests()).noneMatch(p -> p.contains("/scale"));
    }

    @Test
    void aStatefulSetIsWatchedToo() throws Exception {
        client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("ledger").withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("ledger").endSpec().build()).create();
        ScaleTargets.Target target = freshTarget(ref("StatefulSet", "ledger"));

        assertThat(targets.currentReplicas(target)).isEqualTo(2);
        assertThat(targets.currentReplicas(target)).isEqualTo(2);

        assertThat(drainRequests()).noneMatch(p -> p.contains("/scale"));
    }

    @Test
    void aKindWithoutAWatchIsReadThroughItsScaleSubresource() throws Exception {
        ResourceDefinitionContext rollouts = new ResourceDefinitionContext.Builder().withGroup("argoproj.io").withVersion("v1alpha1")
                .withKind("Rollout").withPlural("rollouts").withNamespaced(true).build();
        client.genericKubernetesResources(rollouts).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1").withKind("Rollout")
                .withNewMetadata().withName("canary").withNamespace(NS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("replicas", 4)).build()).create();
        ScaleTargetRef ref = ref("Rollout", "canary");
        ref.setApiVersion("argoproj.io/v1alpha1");
        ScaleTargets.Target target = freshTarget(ref);

        assertThat(targets.currentReplicas(target)).isEqualTo(4);

        assertThat(drainRequests()).anyMatch(p -> p.endsWith("/rollouts/canary/scale"));
    }

    @Test
    void aMissingDeploymentIsStillReportedAsNotFound() {
        targets = new ScaleTargets(client);
        ScaleTargets.Target target = targets.resolve(NS, ref("Deployment", "ghost"));

        assertThatThrownBy(() -> targets.currentReplicas(target)).isInstanceOf(ScaleTargets.TargetNotFoundException.class)
                .hasMessageContaining("Deployment 'ghost'").hasMessageContaining("not found in namespace apps");
    }

    @Test
    void aDeploymentCreatedAfterTheWatchStartedIsFoundAtOnce() throws Exception {
        deployment("first", 1);
        targets = new ScaleTargets(client);
        assertThat(targets.currentReplicas(targets.resolve(NS, ref("Deployment", "first")))).isEqualTo(1);

        deployment("late", 5);

        // Whether or not the watch has delivered it yet: a cache miss reads /scale.
        assertThat(targets.currentReplicas(targets.resolve(NS, ref("Deployment", "late")))).isEqualTo(5);
    }

    @Test
    void ourOwnWriteIsReadBackUntilTheWatchShowsItAndThenTheWatchIsTrustedAgain() throws Exception {
        deployment("orders", 0);
        targets = new ScaleTargets(client);
        ScaleTargets.Target target = targets.resolve(NS, ref("Deployment", "orders"));
        assertThat(targets.currentReplicas(target)).isZero();

        targets.setReplicas(target, 1);
        assertThat(targets.currentReplicas(target)).as("right after our write, whatever the watch has delivered").isEqualTo(1);

        // Someone else (the HPA) scales on: once the watch has shown our write, it is the watch that answers.
        client.apps().deployments().inNamespace(NS).withName("orders").edit(d -> {
            d.getSpec().setReplicas(4);
            return d;
        });
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(replicas(target)).isEqualTo(4));
    }

    @Test
    void aWriteTheWatchHasNotShownYetWinsOverTheCachedObject() throws Exception {
        Deployment created = deployment("orders", 2);
        CachedReplicas cache = new CachedReplicas(client);
        try {
            ScaleTargets.Target target = new ScaleTargets(client).resolve(NS, ref("Deployment", "orders"));
            assertThat(cache.replicas(target)).hasValue(2);

            cache.written(target, "not-seen-yet", 6);
            assertThat(cache.replicas(target)).hasValue(6);

            cache.written(target, created.getMetadata().getResourceVersion(), 6);
            assertThat(cache.replicas(target)).as("the watch already shows that version: it is trusted").hasValue(2);
        } finally {
            cache.close();
        }
    }

    @Test
    void afterCloseNoWatchIsStartedAndScaleIsReadInstead() throws Exception {
        deployment("orders", 3);
        ScaleTargets.Target target = freshTarget(ref("Deployment", "orders"));
        targets.close();

        assertThat(targets.currentReplicas(target)).isEqualTo(3);

        assertThat(drainRequests()).anyMatch(p -> p.contains("/deployments/orders/scale")).noneMatch(p -> p.contains("watch=true"));
    }

    /** A new ScaleTargets (no watch yet) and the target of {@code ref}; the requests so far are forgotten. */
    private ScaleTargets.Target freshTarget(ScaleTargetRef ref) throws InterruptedException {
        targets = new ScaleTargets(client);
        ScaleTargets.Target target = targets.resolve(NS, ref);
        drainRequests();
        return target;
    }

    private int replicas(ScaleTargets.Target target) {
        try {
            return targets.currentReplicas(target);
        } catch (ScaleTargets.TargetNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private Deployment deployment(String name, int replicas) {
        return client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().build()).create();
    }

    private static ScaleTargetRef ref(String kind, String name) {
        ScaleTargetRef ref = new ScaleTargetRef();
        ref.setKind(kind);
        ref.setName(name);
        return ref;
    }

    /** The paths of the requests the server answered since the last call. */
    private List<String> drainRequests() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(50, TimeUnit.MILLISECONDS)) != null) {
            paths.add(r.getMethod() + " " + r.getPath());
        }
        return paths;
    }
}
