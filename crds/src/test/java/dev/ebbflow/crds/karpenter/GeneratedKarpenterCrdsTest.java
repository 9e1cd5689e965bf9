package dev.ebbflow.crds.karpenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CRDs generated from the model carry Karpenter's scope, printer columns, defaults and validation. */
class GeneratedKarpenterCrdsTest {

    static JsonNode crd(String file) throws IOException {
        return ManifestRoundTripTest.tree(Files.readString(Path.of("target/classes/META-INF/fabric8", file)));
    }

    static List<String> columns(JsonNode crd, int priority) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : crd.at("/spec/versions/0/additionalPrinterColumns")) {
            if (c.path("priority").asInt() == priority) {
                names.add(c.get("name").asText() + "=" + c.get("jsonPath").asText());
            }
        }
        return names;
    }

    static List<String> rules(JsonNode node) {
        List<String> messages = new ArrayList<>();
        for (JsonNode v : node.path("x-kubernetes-validations")) {
            messages.add(v.get("message").asText());
        }
        return messages;
    }

    @Test
    void nodePoolCrd() throws IOException {
        JsonNode crd = crd("nodepools.karpenter.sh-v1.yml");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Cluster");
        assertThat(crd.at("/spec/versions/0/subresources/status").isObject()).isTrue();
        assertThat(columns(crd, 0)).containsExactlyInAnyOrder(
                "NodeClass=.spec.template.spec.nodeClassRef.name", "Nodes=.status.resources.nodes",
                "Ready=.status.conditions[?(@.type==\"Ready\")].status", "Age=.metadata.creationTimestamp");
        assertThat(columns(crd, 1)).containsExactlyInAnyOrder(
                "Weight=.spec.weight", "CPU=.status.resources.cpu", "Memory=.status.resources.memory");

        JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties");
        assertThat(spec.at("/weight/minimum").asInt()).isEqualTo(1);
        assertThat(spec.at("/weight/maximum").asInt()).isEqualTo(100);
        JsonNode disruption = spec.at("/disruption/properties");
        assertThat(disruption.at("/consolidationPolicy/default").asText()).isEqualTo("WhenEmptyOrUnderutilized");
        assertThat(disruption.at("/consolidationPolicy/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("WhenEmpty", "WhenEmptyOrUnderutilized");
        assertThat(disruption.at("/consolidateAfter/default").asText()).isEqualTo("0s");
        assertThat(disruption.at("/budgets/default/0/nodes").asText()).isEqualTo("10%");

        JsonNode template = spec.at("/template/properties/spec/properties");
        assertThat(template.at("/expireAfter/default").asText()).isEqualTo("720h");
        JsonNode requirements = template.get("requirements");
        assertThat(rules(requirements)).contains("label \"karpenter.sh/nodepool\" is restricted",
                "requirements with 'minValues' must have at least that many values specified in the 'values' field");
        JsonNode requirement = requirements.at("/items/properties");
        assertThat(requirement.at("/operator/enum")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", "Gte", "Lte");
        assertThat(requirement.at("/minValues/minimum").asInt()).isEqualTo(1);
        assertThat(rules(requirement.get("key"))).contains("label \"kubernetes.io/hostname\" is restricted",
                "label domain \"karpenter.sh\" is restricted");
        assertThat(rules(spec.at("/template/properties/metadata/properties/labels")))
                .contains("label \"karpenter.sh/nodepool\" is restricted");
        assertThat(rules(template.get("taints"))).isNotEmpty();
    }

    @Test
    void nodeClaimCrd() throws IOException {
        JsonNode crd = crd("nodeclaims.karpenter.sh-v1.yml");
        assertThat(crd.at("/spec/scope").asText()).isEqualTo("Cluster");
        assertThat(columns(crd, 0)).containsExactlyInAnyOrder(
                "Type=.metadata.labels.node\\.kubernetes\\.io/instance-type",
                "Capacity=.metadata.labels.karpenter\\.sh/capacity-type",
                "Zone=.metadata.labels.topology\\.kubernetes\\.io/zone", "Node=.status.nodeName",
                "Ready=.status.conditions[?(@.type==\"Ready\")].status", "Age=.metadata.creationTimestamp");
        assertThat(columns(crd, 1)).contains("ID=.status.providerID",
                "NodePool=.metadata.labels.karpenter\\.sh/nodepool", "NodeClass=.spec.nodeClassRef.name");
        JsonNode spec = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec");
        assertThat(rules(spec)).contains("spec is immutable");
        // A claim carries its NodePool as a requirement, so only the NodePool forbids that key.
        assertThat(rules(spec.at("/properties/requirements"))).doesNotContain("label \"karpenter.sh/nodepool\" is restricted");
        assertThat(spec.at("/properties/resources/properties/requests").isObject()).isTrue();
        assertThat(crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/status/properties/lastPodEventTime").isObject()).isTrue();
    }
}
