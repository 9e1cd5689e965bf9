package dev.ebbflow.crds.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API server refuses a CRD whose CEL rule iterates a list or map, or scans a string, of unbounded size
 * (its estimated cost exceeds the budget). This finds such a rule without a server: a rule that iterates
 * its list needs {@code maxItems}, its map {@code maxProperties}, and a rule that scans its string
 * ({@code find}, {@code matches}) needs {@code maxLength}. {@link CrdsInstallOnRealApiServerTest} is the proof.
 */
class RulesCostBoundedTest {

    private static final Pattern ITERATES = Pattern.compile("\\bself\\.(all|exists|exists_one|map|filter)\\(");
    private static final Pattern SCANS = Pattern.compile("\\bself\\.(find|findAll|matches)\\(");

    @Test
    void everyRuleThatIteratesOrScansItsValueHasABound() {
        List<String> unbounded = new ArrayList<>();
        for (Path file : CrdFiles.in(CrdFiles.REPOSITORY)) {
            CrdUnderTest crd = CrdUnderTest.named(CrdFiles.read(file).getMetadata().getName());
            CrdUnderTest.walk(crd.schema(), (path, node) -> collect(node, crd.name() + " " + path, unbounded));
        }
        assertThat(unbounded).as("rules over values of unbounded size").isEmpty();
    }

    @Test
    void aRuleOverAnUnboundedListIsFound() {
        List<String> unbounded = new ArrayList<>();
        JsonNode list = CrdUnderTest.YAML.valueToTree(Map.of("type", "array", "items", Map.of("type", "string"),
                "x-kubernetes-validations", List.of(Map.of("rule", "self.all(x, x != 'a')", "message", "m"))));
        CrdUnderTest.walk(list, (path, node) -> collect(node, "taints" + path, unbounded));
        assertThat(unbounded).containsExactly("taints: self.all(x, x != 'a')");
    }

    private static void collect(JsonNode node, String path, List<String> unbounded) {
        for (JsonNode rule : node.path("x-kubernetes-validations")) {
            String expression = rule.get("rule").asText();
            boolean bounded = switch (node.path("type").asText()) {
                case "array" -> !ITERATES.matcher(expression).find() || node.has("maxItems");
                case "object" -> !ITERATES.matcher(expression).find() || node.has("maxProperties") || !node.has("additionalProperties");
                case "string" -> !SCANS.matcher(expression).find() || node.has("maxLength");
                default -> true;
            };
            if (!bounded) {
                unbounded.add(path + ": " + expression);
            }
        }
    }
}
