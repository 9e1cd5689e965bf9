package dev.ebbflow.operator.simulate.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class KnownFieldsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void aMisspeltScaledObjectFieldIsFoundWithTheFieldItWasMeantToBe() throws Exception {
        JsonNode so = yaml("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: w, labels: {anything: goes}}
                spec:
                  scaleTargetRef: {name: w}
                  minReplicaCont: 2
                  triggers: [{type: rabbitmq, metadata: {queueName: q, whateverKey: x}}]
                """);
        KnownFields.Unknown unknown = KnownFields.firstUnknown(so, ScaledObject.class).orElseThrow();
        assertThat(unknown.path()).isEqualTo("spec.minReplicaCont");
        assertThat(unknown.problem()).isEqualTo("unknown field 'minReplicaCont'; did you mean 'minReplicaCount'?");
    }

    @Test
    void fieldsInsideListsAndNestedObjectsAreChecked() throws Exception {
        JsonNode pool = yaml("""
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: p}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: d}
                      requirements: [{key: a, operator: In, value: [x]}]
                """);
        KnownFields.Unknown unknown = KnownFields.firstUnknown(pool, NodePool.class).orElseThrow();
        assertThat(unknown.path()).isEqualTo("spec.template.spec.requirements[0].value");
        assertThat(unknown.problem()).endsWith("did you mean 'values'?");
    }

    @Test
    void kubernetesModelClassesAreCheckedDespiteTheirCatchAllProperties() throws Exception {
        JsonNode dep = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: w, annotations: {a: b}}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers: [{name: w, image: w, resource: {requests: {cpu: 100m}}}]
                """);
        assertThat(KnownFields.firstUnknown(dep, Deployment.class).orElseThrow().path()).isEqualTo("spec.template.spec.containers[0].resource");
    }

    @Test
    void freeFormValuesAndCorrectManifestsPass() throws Exception {
        JsonNode dep = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: w, labels: {x: y}}
                spec:
                  replicas: 1
                  strategy: {rollingUpdate: {maxSurge: 25%}}
                  template:
                    metadata: {labels: {x: y}}
                    spec:
                      containers: [{name: w, image: w, resources: {requests: {cpu: 100m, memory: 1Gi}}}]
                """);
        assertThat(KnownFields.firstUnknown(dep, Deployment.class)).isEmpty();
    }

    @Test
    void withoutAnyCloseNameTheKnownFieldsAreListed() throws Exception {
        KnownFields.Unknown unknown = KnownFields.firstUnknown(yaml("cluster: {zzzzzzzz: 1}"), ScenarioFormat.class).orElseThrow();
        assertThat(unknown.problem()).isEqualTo("unknown field 'zzzzzzzz'; known fields here: nodeBootTime, podStartupTime");
    }
}
