package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.operator.simulate.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small scenarios written on the fly, so each test states its numbers where the assertions can see them. */
final class TestScenarios {

    private TestScenarios() {
    }

    static final String MANAGEMENT_API = "http://rabbitmq.default.svc:15672/";
    static final String AMQP = "amqp://rabbitmq.default.svc:5672/";

    static final String BIG_NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: big
              labels: {kubernetes.io/arch: amd64, kubernetes.io/os: linux}
            status:
              allocatable: {cpu: "64", memory: 256Gi, pods: "500"}
            """;

    static String deployment(String name, int replicas, String cpu, String memory) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s}
                spec:
                  replicas: %d
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers: [{name: main, image: example, resources: {requests: {cpu: %s, memory: %s}}}]
                """.formatted(name, replicas, name, cpu, memory);
    }

    static String rabbitScaledObject(String target, String queue, int value, int pollingInterval, int cooldown, int min, int max) {
        return rabbitScaledObject(target, queue, value, pollingInterval, cooldown, min, max, MANAGEMENT_API);
    }

    /** The RabbitMQ scaler over the management API counts unacknowledged messages, over AMQP it does not. */
    static String rabbitScaledObject(String target, String queue, int value, int pollingInterval, int cooldown, int min, int max, String host) {
        return """
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: %s}
                spec:
                  scaleTargetRef: {name: %s}
                  pollingInterval: %d
                  cooldownPeriod: %d
                  minReplicaCount: %d
                  maxReplicaCount: %d
                  triggers:
                    - type: rabbitmq
                      metadata: {queueName: %s, mode: QueueLength, value: "%d", host: "%s"}
                """.formatted(target, target, pollingInterval, cooldown, min, max, queue, value, host);
    }

    static String nodePool(String name, String limits, String consolidateAfter, String sizes) {
        return """
                apiVersion: ebbflow.dev/v1alpha1
                kind: SimulatedNodeClass
                metadata: {name: %s}
                spec: {sizes: %s, architectures: [amd64], capacityTypes: [on-demand], zones: [zone-a], bootDelay: 30s, markSimulated: false}
                ---
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: %s}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: %s}
                      requirements: []
                  disruption: {consolidationPolicy: WhenEmpty, consolidateAfter: %s}
                  limits: %s
                """.formatted(name, sizes, name, name, consolidateAfter, limits);
    }

    /** Writes {@code manifests} and a scenario file around {@code body} into {@code dir}, and loads it. */
    /** A 16-vCPU Node of NodePool {@code pool}, present from the start: oversized for one small pod. */
    static String oversizedNode() {
        return """
                apiVersion: v1
                kind: Node
                metadata:
                  name: oversized
                  labels: {karpenter.sh/nodepool: pool, node.kubernetes.io/instance-type: c-16x-amd64-linux, karpenter.sh/capacity-type: on-demand,
                           topology.kubernetes.io/zone: zone-a, kubernetes.io/arch: amd64, kubernetes.io/os: linux}
                status:
                  allocatable: {cpu: "16", memory: 64Gi, pods: "110"}
                """;
    }

    static Scenario load(Path dir, String name, String manifests, String body) {
        try {
            Files.writeString(dir.resolve(name + "-manifests.yaml"), manifests);
            Path file = dir.resolve(name + ".yaml");
            Files.writeString(file, "name: " + name + "\nmanifests: [" + name + "-manifests.yaml]\n" + body);
            return new ScenarioLoader().load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
