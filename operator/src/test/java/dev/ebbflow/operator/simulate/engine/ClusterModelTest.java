package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.simulate.scenario.ScenarioException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests that do not fit together are refused with the file and field at fault. */
class ClusterModelTest {

    @TempDir
    Path dir;

    private static final String QUEUE = """
            duration: 10m
            queues: [{name: jobs, consumer: worker, messagesPerPodPerSecond: 1, arrivals: [{rate: 1}]}]
            """;

    private void assertRefused(String manifests, String body, String fieldAndProblem) {
        assertThatThrownBy(() -> ClusterModel.build(TestScenarios.load(dir, "bad", manifests, body)))
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining(dir.resolve("bad").toString())
                .hasMessageContaining(fieldAndProblem);
    }

    @Test
    void aQueueWithoutItsConsumer() {
        assertRefused(TestScenarios.BIG_NODE, QUEUE, "bad.yaml: queues[0].consumer: no Deployment 'worker'");
    }

    @Test
    void aTriggerOnAnUndeclaredQueue() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "other", 5, 30, 300, 0, 10), QUEUE,
                "bad-manifests.yaml: document[1].spec.triggers[0].metadata.queueName: names queue 'other'");
    }

    @Test
    void aScaledObjectOnAMissingDeployment() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n"
                + TestScenarios.rabbitScaledObject("ghost", "jobs", 5, 30, 300, 0, 10), QUEUE,
                "document[1].spec.scaleTargetRef.name: no Deployment 'ghost'");
    }

    @Test
    void aScaledObjectTheScalingCoreRejects() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 5, 2), QUEUE,
                "document[1].spec.minReplicaCount");
    }

    @Test
    void aRabbitTriggerWithoutQueueName() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10).replace("queueName: jobs, ", ""), QUEUE,
                "document[1].spec.triggers[0].metadata.queueName: is required");
    }

    @Test
    void aMissingTriggerAuthentication() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10) + "      authenticationRef: {name: creds}\n", QUEUE,
                "document[1].spec.triggers[0].authenticationRef.name: TriggerAuthentication 'creds' not found");
    }

    @Test
    void aNodePoolWithoutItsNodeClass() {
        assertRefused(TestScenarios.nodePool("pool", "{}", "1m", "[2]").replace("name: pool}\nspec: {sizes", "name: other}\nspec: {sizes"),
                "duration: 1m\n", "document[1].spec.template.spec.nodeClassRef.name: no SimulatedNodeClass 'pool'");
    }

    @Test
    void aNodePoolWithANegativeLimitOrBadRequirement() {
        assertRefused(TestScenarios.nodePool("pool", "{cpu: \"-4\"}", "1m", "[2]"), "duration: 1m\n",
                "document[1].spec.limits.cpu: must not be negative");
        assertRefused(TestScenarios.nodePool("pool", "{}", "1m", "[2]").replace("requirements: []",
                "requirements: [{key: kubernetes.io/arch, operator: Maybe, values: [amd64]}]"), "duration: 1m\n",
                "document[1].spec.template.spec.requirements[0].operator");
        assertRefused(TestScenarios.nodePool("pool", "{}", "5 minutes", "[2]"), "duration: 1m\n",
                "document[1].spec.disruption.consolidateAfter");
    }

    @Test
    void aDeploymentWithABadRequest() {
        assertRefused(TestScenarios.deployment("worker", 1, "lots", "1Gi"), "duration: 1m\n", "bad-manifests.yaml: spec.template.spec.containers[0].resources.requests.cpu: 'lots' is not a quantity");
    }
}
