package dev.ebbflow.operator.autoscaling.ahead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.ahead.ComingPods;
import dev.ebbflow.operator.autoscaling.controller.ScaleTargets;
import dev.ebbflow.operator.autoscaling.core.HpaForecast;
import dev.ebbflow.operator.autoscaling.core.PauseState;
import dev.ebbflow.operator.autoscaling.core.ScaleDecision;
import dev.ebbflow.operator.autoscaling.core.ScaleLoop;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.ScalingState;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.autoscaling.core.TriggerSpec;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** From a poll's reading to the report of coming replicas, with the workload read from the operator's watch (mock API server). */
@EnableKubernetesMockClient(crud = true)
class ProvisionAheadPlannerTest {

    private static final String NS = "shop";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final ScalingSpec SPEC = new ScalingSpec(1, null, null, null, 1, 20, null, null, null,
            List.of(new TriggerSpec("rabbitmq", null, new MetricSpec("s0-rabbitmq-orders", 10, 0, MetricTargetType.AVERAGE_VALUE))));

    static KubernetesClient client;
    private final List<ComingPods> reported = new CopyOnWriteArrayList<>();
    private final ProvisionAheadPlanner planner = new ProvisionAheadPlanner(reported::add, Duration.ofSeconds(60), HpaForecast.DEFAULT_SYNC_PERIOD);
    private final ScaleTargets targets = new ScaleTargets(client);

    @AfterEach
    void stop() {
        targets.close();
        client.apps().deployments().inNamespace(NS).delete();
        client.apps().statefulSets().inNamespace(NS).delete();
    }

    @Test
    void aDeploymentsTemplateAndTheHpasComingCountAreReported() {
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("worker").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "worker").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "worker").endMetadata()
                .withNewSpec().addNewContainer().withName("w").withImage("w:1").endContainer().endSpec().endTemplate().endSpec().build()).create();
        ScaleTargets.Target target = cached("Deployment", "worker");

        poll(scaledObject(null), target, 2, 95);

        assertThat(reported).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("Deployment");
            assertThat(c.namespace()).isEqualTo(NS);
            assertThat(c.name()).isEqualTo("worker");
            assertThat(c.currentReplicas()).isEqualTo(2);
            assertThat(c.replicas()).as("ceil(95 / 10)").isEqualTo(10);
            assertThat(c.selector().getMatchLabels()).containsEntry("app", "worker");
            assertThat(c.template().getSpec().getContainers()).singleElement().satisfies(ct -> assertThat(ct.getName()).isEqualTo("w"));
        });
    }

    @Test
    void statefulSetsToo() {
        client.apps().statefulSets().inNamespace(NS).resource(new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec().endSpec().endTemplate().endSpec().build())
                .create();
        poll(scaledObject(null), cached("StatefulSet", "db"), 1, 30);
        assertThat(reported).singleElement().satisfies(c -> assertThat(c.replicas()).isEqualTo(3));
    }

    @Test
    void theAnnotationFalseAnotherKindOrAWorkloadTheWatchHasNotSeenReportNothing() {
        assertThat(ProvisionAheadPlanner.enabledFor(scaledObject("false"))).isFalse();
        assertThat(ProvisionAheadPlanner.enabledFor(scaledObject(" False "))).isFalse();
        assertThat(ProvisionAheadPlanner.enabledFor(scaledObject("true"))).isTrue();
        assertThat(ProvisionAheadPlanner.enabledFor(scaledObject(null))).isTrue();
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder().withNewMetadata().withName("opted-out").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().endSpec().endTemplate().endSpec().build()).create();
        poll(scaledObject("false"), cached("Deployment", "opted-out"), 1, 95);
        poll(scaledObject(null), targets.resolve(NS, ref("apps/v1", "ReplicaSet", "opted-out")), 1, 95);
        poll(scaledObject(null), targets.resolve(NS, ref("argoproj.io/v1alpha1", "Rollout", "canary")), 1, 95);
        poll(scaledObject(null), targets.resolve(NS, ref("apps/v1", "Deployment", "not-there")), 1, 95);
        assertThat(reported).isEmpty();
    }

    private void poll(ScaledObject so, ScaleTargets.Target target, int current, double queue) {
        List<TriggerOutcome> reading = List.of(TriggerOutcome.reading(queue, queue > 0));
        ScaleDecision decision = ScaleLoop.decide(SPEC, current, reading, ScalingState.initial(NOW.minusSeconds(600)), PauseState.NONE, NOW);
        planner.afterPoll(so, SPEC, targets, target, current, reading, decision, NOW);
    }

    /** The target once the operator's watch holds it. */
    private ScaleTargets.Target cached(String kind, String name) {
        ScaleTargets.Target target = targets.resolve(NS, ref("apps/v1", kind, name));
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(targets.cachedObject(target)).isPresent());
        return target;
    }

    private static ScaleTargetRef ref(String apiVersion, String kind, String name) {
        ScaleTargetRef ref = new ScaleTargetRef();
        ref.setApiVersion(apiVersion);
        ref.setKind(kind);
        ref.setName(name);
        return ref;
    }

    private static ScaledObject scaledObject(String annotation) {
        ScaledObject so = new ScaledObject();
        so.getMetadata().setName("worker");
        so.getMetadata().setNamespace(NS);
        if (annotation != null) {
            so.getMetadata().setAnnotations(Map.of(ProvisionAheadPlanner.ANNOTATION, annotation));
        }
        return so;
    }
}
