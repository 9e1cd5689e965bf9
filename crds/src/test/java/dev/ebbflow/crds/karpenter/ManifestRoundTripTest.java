package dev.ebbflow.crds.karpenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real Karpenter v1 manifests read into the model and written back lose nothing and gain the defaults. */
class ManifestRoundTripTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void docsNodePoolKeepsEveryField() throws IOException {
        String yaml = resource("nodepool-docs-example.yaml");
        NodePool pool = Serialization.unmarshal(yaml, NodePool.class);

        assertThat(pool.getSpec().getWeight()).isEqualTo(10);
        assertThat(pool.getSpec().getTemplate().getSpec().getRequirements()).hasSize(8);
        assertThat(pool.getSpec().getTemplate().getSpec().getRequirements().get(0).getMinValues()).isEqualTo(2);
        assertThat(pool.getSpec().getDisruption().getBudgets()).hasSize(3);
        assertThat(pool.getSpec().getDisruption().getBudgets().get(2).getReasons()).containsExactly("Drifted", "Underutilized");
        assertThat(pool.getSpec().getLimits().get("memory").toString()).isEqualTo("1000Gi");
        assertThat(pool.getStatus().getNodes()).isEqualTo(5L);
        assertThatContains(tree(Serialization.asYaml(pool)), tree(yaml), "");
    }

    @Test
    void docsNodeClaimKeepsEveryField() throws IOException {
        String yaml = resource("nodeclaim-docs-example.yaml");
        NodeClaim claim = Serialization.unmarshal(yaml, NodeClaim.class);

        assertThat(claim.getStatus().getProviderID()).isEqualTo("aws:///us-west-2b/i-053c6b324e29d2275");
        assertThat(claim.getStatus().getConditions()).extracting("type")
                .containsExactlyInAnyOrder("Initialized", "Launched", "Ready", "Registered");
        assertThat(claim.getSpec().getResources().getRequests().get("cpu").toString()).isEqualTo("1150m");
        assertThat(claim.label(KarpenterLabels.INSTANCE_TYPE)).isEqualTo("c6gn.large");
        assertThatContains(tree(Serialization.asYaml(claim)), tree(yaml), "");
    }

    @Test
    void minimalNodePoolGetsKarpenterDefaults() throws IOException {
        NodePool pool = Serialization.unmarshal(resource("nodepool-minimal.yaml"), NodePool.class);

        NodeClaimTemplateSpec spec = pool.getSpec().getTemplate().getSpec();
        assertThat(spec.getExpireAfter()).isEqualTo("720h");
        Disruption disruption = pool.getSpec().getDisruption();
        assertThat(disruption.getConsolidationPolicy()).isEqualTo("WhenEmptyOrUnderutilized");
        assertThat(disruption.getConsolidateAfter()).isEqualTo("0s");
        assertThat(disruption.getBudgets()).extracting(Budget::getNodes).containsExactly("10%");
        assertThat(pool.effectiveWeight()).isZero();
        assertThat(spec.getRequirements().get(0).getValues()).isEmpty();
        // An absent values list stays absent on the way out, as the user wrote it.
        assertThat(Serialization.asYaml(pool)).doesNotContain("values");
    }

    @Test
    void explicitBudgetsReplaceTheDefault() {
        NodePool pool = Serialization.unmarshal("""
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: p}
                spec:
                  disruption:
                    consolidationPolicy: WhenEmpty
                    consolidateAfter: Never
                    budgets: [{nodes: "0"}]
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: d}
                      requirements: []
                """, NodePool.class);
        assertThat(pool.getSpec().getDisruption().getBudgets()).extracting(Budget::getNodes).containsExactly("0");
        assertThat(pool.getSpec().getDisruption().getConsolidateAfter()).isEqualTo("Never");
    }

    @Test
    void aWrongOperatorStillReadsSoItCanBeReportedByField() {
        NodePool pool = Serialization.unmarshal("""
                apiVersion: karpenter.sh/v1
                kind: NodePool
                metadata: {name: p}
                spec:
                  template:
                    spec:
                      nodeClassRef: {group: ebbflow.dev, kind: SimulatedNodeClass, name: d}
                      requirements: [{key: kubernetes.io/arch, operator: Inside, values: [amd64]}]
                """, NodePool.class);
        String operator = pool.getSpec().getTemplate().getSpec().getRequirements().get(0).getOperator();
        assertThat(operator).isEqualTo("Inside");
        assertThat(RequirementOperator.of(operator)).isEmpty();
        assertThat(RequirementOperator.of("Gte")).contains(RequirementOperator.Gte);
    }

    @Test
    void templateBecomesAnIndependentNodeClaimSpec() {
        NodePool pool = Serialization.unmarshal(resource("nodepool-docs-example.yaml"), NodePool.class);
        NodeClaimSpec claim = pool.getSpec().getTemplate().getSpec().toNodeClaimSpec();
        claim.getRequirements().get(0).getValues().add("x");

        assertThat(claim.getNodeClassRef()).isEqualTo(new NodeClassReference("karpenter.k8s.aws", "EC2NodeClass", "default"));
        assertThat(claim.getTerminationGracePeriod()).isEqualTo("48h");
        assertThat(claim.getRequirements()).hasSize(8);
        assertThat(claim.getRequirements().get(0).getMinValues()).isEqualTo(2);
        assertThat(pool.getSpec().getTemplate().getSpec().getRequirements().get(0).getValues()).containsExactly("c", "m", "r");
        assertThat(claim.getStartupTaints()).extracting("key").containsExactly("example.com/another-taint");
    }

    /** Every field of {@code expected} is in {@code actual} with an equal value (by text for scalars). */
    static void assertThatContains(JsonNode actual, JsonNode expected, String path) {
        assertThat(actual).as("missing " + path).isNotNull();
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                assertThatContains(actual.get(e.getKey()), e.getValue(), path + "." + e.getKey());
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as("size of " + path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThatContains(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(actual.asText()).as(path).isEqualTo(expected.asText());
        }
    }

    static JsonNode tree(String yaml) throws IOException {
        return YAML.readTree(yaml);
    }

    static String resource(String name) {
        try (InputStream in = ManifestRoundTripTest.class.getResourceAsStream("/karpenter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
