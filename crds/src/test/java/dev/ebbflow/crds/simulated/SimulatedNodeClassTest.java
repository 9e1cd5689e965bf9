package dev.ebbflow.crds.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SimulatedNodeClassTest {

    @Test
    void readsGeneratedAndConfigMapForms() {
        SimulatedNodeClass generated = Serialization.unmarshal("""
                apiVersion: ebbflow.dev/v1alpha1
                kind: SimulatedNodeClass
                metadata: {name: default}
                spec:
                  zones: [zone-a, zone-b]
                  instanceFamilies: [{name: c, memoryGiBPerVCpu: 2}]
                  sizes: [1, 2, 4]
                  architectures: [arm64]
                  capacityTypes: [spot]
                """, SimulatedNodeClass.class);
        assertThat(generated.getSpec().getBootDelay()).isEqualTo("5s");
        assertThat(generated.getSpec().getInstanceFamilies().get(0).getMemoryGiBPerVCpu()).isEqualTo(2);
        assertThat(generated.getSpec().getCatalogConfigMapRef()).isNull();

        SimulatedNodeClass fromConfigMap = Serialization.unmarshal("""
                apiVersion: ebbflow.dev/v1alpha1
                kind: SimulatedNodeClass
                metadata: {name: aws-like}
                spec:
                  bootDelay: 30s
                  catalogConfigMapRef: {namespace: ebbflow, name: aws-catalog}
                """, SimulatedNodeClass.class);
        assertThat(fromConfigMap.getSpec().getCatalogConfigMapRef().getKey()).isEqualTo("catalog.yaml");
        assertThat(fromConfigMap.getSpec().getBootDelay()).isEqualTo("30s");
    }

    @Test
    void generatedCrdIsClusterScopedWithValidation() throws IOException {
        JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(Path.of("target/classes/META-INF/fabric8/simulatednodeclasses.ebbflow.dev-v1.yml")));
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Cluster");
        assertThat(crd.at("/spec/versions/0/name").asText()).isEqualTo("v1alpha1");
        JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertThat(spec.at("/properties/bootDelay/default").asText()).isEqualTo("5s");
        assertThat(spec.at("/x-kubernetes-validations/0/message").asText()).contains("catalogConfigMapRef");
        assertThat(spec.at("/properties/catalogConfigMapRef/properties/key/default").asText()).isEqualTo("catalog.yaml");
    }
}
