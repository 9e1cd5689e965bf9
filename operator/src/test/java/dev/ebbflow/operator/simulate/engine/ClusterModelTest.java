package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.simulate.scenario.ScenarioException;
import dev.ebbflow.provisioner.disruption.DisruptionBudgets;
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
    void triggersOfEveryKnownTypeAreReadByTheirScalersParsersAndBoundToTheirQueues() {
        String manifests = TestScenarios.deployment("worker", 1, "100m", "128Mi") + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: bus}
                stringData: {connection: "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=c2VjcmV0"}
                ---
                apiVersion: keda.sh/v1alpha1
                kind: TriggerAuthentication
                metadata: {name: bus}
                spec:
                  secretTargetRef: [{parameter: connection, name: bus, key: connection}]
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker}
                spec:
                  scaleTargetRef: {name: worker}
                  triggers:
                    - type: rabbitmq
                      metadata: {queueName: jobs, mode: QueueLength, value: "7", host: "amqp://rabbitmq:5672/"}
                    - type: aws-sqs-queue
                      metadata: {queueURL: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders", awsRegion: eu-west-1, queueLength: "3", identityOwner: operator}
                    - type: azure-servicebus
                      metadata: {queueName: invoices}
                      authenticationRef: {name: bus}
                """;
        String body = """
                duration: 5m
                queues:
                  - {name: jobs, consumer: worker, messagesPerPodPerSecond: 1, arrivals: [{rate: 1}]}
                  - {name: orders, consumer: worker, messagesPerPodPerSecond: 1, arrivals: [{rate: 1}]}
                  - {name: invoices, consumer: worker, messagesPerPodPerSecond: 1, arrivals: [{rate: 1}]}
                """;
        ClusterModel m = ClusterModel.build(TestScenarios.load(dir, "all", manifests, body));
        var triggers = m.scaledObjects.get(0).triggers;
        assertThat(triggers).extracting(SimulatedTrigger::queue).containsExactly("jobs", "orders", "invoices");
        assertThat(triggers).extracting(t -> t.metric().metricName())
                .containsExactly("s0-rabbitmq-jobs", "s1-aws-sqs-orders", "s2-azure-servicebus-invoices");
        assertThat(triggers).extracting(t -> t.metric().target()).containsExactly(7.0, 3.0, 5.0);
        assertThat(triggers).extracting(SimulatedTrigger::reading).containsExactly(SimulatedTrigger.Reading.MESSAGES_WAITING,
                SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT, SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT);
        assertThat(m.queues.get("jobs")).isSameAs(m.scaledObjects.get(0).queues.get(0));
    }

    @Test
    void cpuAndCronBesideAQueueAreAcceptedCronReadFromTheClockAndCpuNeverPolled() {
        String manifests = TestScenarios.deployment("worker", 1, "100m", "128Mi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10) + """
                    - type: cpu
                      metricType: Utilization
                      metadata: {value: "60"}
                    - type: cron
                      metadata: {timezone: Europe/Berlin, start: "0 8 * * *", end: "0 18 * * *", desiredReplicas: "4"}
                """;
        ClusterModel m = ClusterModel.build(TestScenarios.load(dir, "mixed", manifests, QUEUE));
        var triggers = m.scaledObjects.get(0).triggers;
        assertThat(triggers).extracting(SimulatedTrigger::reading).containsExactly(SimulatedTrigger.Reading.MESSAGES_INCLUDING_IN_FLIGHT,
                SimulatedTrigger.Reading.NONE, SimulatedTrigger.Reading.SCHEDULE);
        assertThat(triggers.get(2).metric().metricName()).isEqualTo("s2-cron-Europe-Berlin-08xxx-018xxx");
        assertThat(triggers.get(2).outcome(null, null, java.time.Instant.parse("2026-01-05T09:00:00Z")))
                .isEqualTo(dev.ebbflow.operator.autoscaling.core.TriggerOutcome.reading(4, true));
        assertThat(triggers.get(2).outcome(null, null, java.time.Instant.parse("2026-01-05T19:00:00Z")).active()).isFalse();
        assertThat(triggers.get(1).outcome(null, null, java.time.Instant.EPOCH).active()).isFalse();
    }

    @Test
    void aCpuTriggerWithoutMetricTypeIsRefusedAsByTheOperator() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n"
                + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10) + """
                    - type: cpu
                      metadata: {value: "60"}
                """, QUEUE, "spec.triggers[1].metricType");
    }

    @Test
    void aServiceBusTriggerWithoutCredentialsIsRefusedByItsScalersParser() {
        assertRefused(TestScenarios.deployment("worker", 1, "1", "1Gi") + """
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker}
                spec:
                  scaleTargetRef: {name: worker}
                  triggers: [{type: azure-servicebus, metadata: {queueName: jobs}}]
                """, QUEUE, "document[1].spec.triggers[0]");
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
    void aBadFallbackBehaviorOrScalingModifier() {
        String so = TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n" + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10);
        assertRefused(so.replace("  minReplicaCount: 0\n", "  minReplicaCount: 0\n  fallback: {failureThreshold: 3, replicas: 2, behavior: sometimes}\n"), QUEUE,
                "document[1].spec.fallback.behavior: must be one of static");
        assertRefused(so.replace("  minReplicaCount: 0\n", "  minReplicaCount: 0\n  advanced: {scalingModifiers: {formula: \"jobs +\", target: \"5\"}}\n"), QUEUE,
                "document[1].spec.triggers[0].name: is required when spec.advanced.scalingModifiers.formula is set");
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
    void aBadCatalogFileNamesItsOwnField() throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("types.yaml"), "instanceTypes:\n- {name: x, architecture: amd64, capacity: {cpu: lots}}\n");
        assertThatThrownBy(() -> ClusterModel.build(TestScenarios.load(dir, "bad", TestScenarios.BIG_NODE, "duration: 1m\ncatalog: types.yaml\n")))
                .hasMessageStartingWith(dir.resolve("types.yaml") + ": instanceTypes[0]");
    }

    @Test
    void aDeploymentWithABadRequest() {
        assertRefused(TestScenarios.deployment("worker", 1, "lots", "1Gi"), "duration: 1m\n", "bad-manifests.yaml: spec.template.spec.containers[0].resources.requests.cpu: 'lots' is not a quantity");
    }

    // The cases below are where the simulator used to read a manifest differently from the operator.

    @Test
    void anHpaBehaviorIsReadAsTheOperatorReadsItToleranceIncluded() {
        String so = TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n" + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10)
                .replace("  minReplicaCount: 0\n", "  minReplicaCount: 0\n  advanced: {horizontalPodAutoscalerConfig: {behavior: {scaleDown: "
                        + "{tolerance: \"0.05\", policies: [{type: Pods, value: 1, periodSeconds: 60}]}}}}\n");
        ClusterModel m = ClusterModel.build(TestScenarios.load(dir, "tolerance", so, QUEUE));
        assertThat(m.scaledObjects.get(0).spec.hpaBehavior().scaleDown().tolerance()).isEqualTo(0.05);
        assertRefused(so.replace("value: 1, ", ""), QUEUE,
                "document[1].spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleDown.policies[0].value: is required");
    }

    @Test
    void anHpaNameThatIsNoObjectName() {
        String so = TestScenarios.deployment("worker", 1, "1", "1Gi") + "---\n" + TestScenarios.rabbitScaledObject("worker", "jobs", 5, 30, 300, 0, 10)
                .replace("  minReplicaCount: 0\n", "  minReplicaCount: 0\n  advanced: {horizontalPodAutoscalerConfig: {name: Not_A_Name}}\n");
        assertRefused(so, QUEUE, "document[1].spec.advanced.horizontalPodAutoscalerConfig.name");
    }

    @Test
    void aNodePoolTheNodePoolReconcilerRefuses() {
        String pool = TestScenarios.nodePool("pool", "{}", "1m", "[2]");
        assertRefused(pool.replace("requirements: []", "requirements: []\n      taints: [{key: dedicated, effect: Sometimes}]"), "duration: 1m\n",
                "document[1].spec.template.spec.taints[0].effect: must be one of NoSchedule");
        assertRefused(pool.replace("  template:\n", "  weight: 0\n  template:\n"), "duration: 1m\n", "document[1].spec.weight: must be between 1 and 100");
        assertRefused(pool.replace("requirements: []", "requirements: [{key: karpenter.sh/nodepool, operator: In, values: [x]}]"), "duration: 1m\n",
                "document[1].spec.template.spec.requirements[0].key: label \"karpenter.sh/nodepool\" is restricted");
        assertRefused(pool.replace("group: ebbflow.dev, ", ""), "duration: 1m\n", "document[1].spec.template.spec.nodeClassRef.group: must not be empty");
    }

    @Test
    void durationsOfTheApiAreGoDurationsAsInTheOperator() {
        assertRefused(TestScenarios.nodePool("pool", "{}", "1d", "[2]"), "duration: 1m\n", "document[1].spec.disruption.consolidateAfter: not a duration");
        assertRefused(TestScenarios.nodePool("pool", "{}", "1m", "[2]").replace("bootDelay: 30s", "bootDelay: \"1.5m\""), "duration: 1m\n",
                "document[0].spec.bootDelay: not a duration");
    }

    @Test
    void aDeploymentWithoutASelectorSelectsItsTemplatesLabelsSoProvisioningAheadCountsItsPods() {
        Workload web = ClusterModel.build(TestScenarios.load(dir, "selector", TestScenarios.deployment("web", 1, "1", "1Gi"), "duration: 1m\n"))
                .workloads.get("default/web");
        assertThat(web.deployment.getSpec().getSelector().getMatchLabels()).containsExactly(java.util.Map.entry("app", "web"));
    }

    @Test
    void aNodePoolAppliedDuringTheRunMustBeOneOfTheScenariosAndReadableAsAtTheStart() {
        String pool = TestScenarios.nodePool("pool", "{}", "1m", "[2]");
        assertRefused(pool.replace("      requirements: []", "      requirements: []\n      expireAfter: 1d"), "duration: 1m\n",
                "document[1].spec.template.spec.expireAfter: not a duration");
        assertRefused(pool, "duration: 10m\nchanges:\n  - at: 1m\n    objects:\n      - {apiVersion: karpenter.sh/v1, kind: NodePool, metadata: {name: other},"
                + " spec: {template: {spec: {nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: pool}, requirements: []}}}}\n",
                "changes[0].objects[0].metadata.name: names NodePool 'other', which the scenario's manifests do not declare");
        assertRefused(pool, "duration: 10m\nchanges:\n  - at: 1m\n    objects:\n      - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n",
                "changes[0].objects[0].kind: only NodePools can change during a run, got ConfigMap");
        assertRefused(pool, "duration: 10m\nchanges:\n  - at: 10m\n    objects: []\n", "changes[0].at: must be earlier than duration (10m00s)");
    }

    @Test
    void disruptionBudgetsCountAsTheEmptinessControllerCountsThem() {
        java.time.Instant midnight = VirtualClock.EPOCH;
        java.time.Instant twoAm = VirtualClock.at(2 * 3_600_000);
        String pool = TestScenarios.nodePool("pool", "{}", "1m", "[2]");
        // An empty reasons list means every reason, as an absent one does.
        NodePoolModel anyReason = ClusterModel.build(TestScenarios.load(dir, "reasons",
                pool.replace("consolidateAfter: 1m}", "consolidateAfter: 1m, budgets: [{nodes: \"1\", reasons: []}]}"), "duration: 1m\n")).pools.get(0);
        assertThat(anyReason.disruption.allowed(DisruptionBudgets.EMPTY, 10, 0, midnight)).isEqualTo(1);
        // A scheduled budget holds only within its window.
        NodePoolModel scheduled = ClusterModel.build(TestScenarios.load(dir, "scheduled",
                pool.replace("consolidateAfter: 1m}", "consolidateAfter: 1m, budgets: [{nodes: \"0\", schedule: \"@daily\", duration: 1h}]}"),
                "duration: 1m\n")).pools.get(0);
        assertThat(scheduled.disruption.allowed(DisruptionBudgets.EMPTY, 10, 0, midnight)).isZero();
        assertThat(scheduled.disruption.allowed(DisruptionBudgets.EMPTY, 10, 0, twoAm)).isEqualTo(10);
        // Without budgets, the CRD's default of 10% applies, rounded up.
        NodePoolModel defaults = ClusterModel.build(TestScenarios.load(dir, "defaults", pool, "duration: 1m\n")).pools.get(0);
        assertThat(defaults.disruption.allowed(DisruptionBudgets.EMPTY, 11, 0, midnight)).isEqualTo(2);
    }
}
