package dev.ebbflow.crds.install;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The constraint tables of {@code src/test/resources/install/constraints/}, one YAML file per CRD (or per
 * group of CRDs with one schema, such as TriggerAuthentication and ClusterTriggerAuthentication):
 *
 * <pre>
 * crds: [nodepools.karpenter.sh]
 * valid:                      # objects the API server accepts; the first one of them that holds a required
 *   - spec: {...}             # field gives that field's case (removing it must be refused)
 * cases:
 *   - at: spec.weight         # the constraint: its path ([*] = any list item or map value) and keyword,
 *     check: minimum          # or `rule: <message>` for a CEL rule
 *     reject: {spec.weight: 0}
 *     accept: {spec.weight: 1}
 *     field: ...              # where the API server reports it, when not `at` with [0] for [*]
 *     valid: 1                # which valid object the edits start from (default 0)
 *     update: true            # sent as an update of the stored valid object (transition rules)
 * </pre>
 */
final class ConstraintCases {

    static final Path TABLES = Path.of("src/test/resources/install/constraints");

    private ConstraintCases() {
    }

    static List<ConstraintCase> all() {
        try (Stream<Path> files = Files.list(TABLES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted()
                    .flatMap(f -> of(f).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of one table: those it lists, and one for each required field of its valid objects it does not list. */
    static List<ConstraintCase> of(Path table) {
        JsonNode root = read(table);
        List<ConstraintCase> cases = new ArrayList<>();
        for (JsonNode name : root.get("crds")) {
            CrdUnderTest crd = CrdUnderTest.named(name.asText());
            Map<String, Constraint> constraints = crd.constraints().stream()
                    .collect(Collectors.toMap(Constraint::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
            List<ObjectNode> valid = new ArrayList<>();
            root.get("valid").forEach(v -> valid.add((ObjectNode) v));
            Set<String> listed = new HashSet<>();
            for (JsonNode row : root.path("cases")) {
                String id = row.get("at").asText() + " " + (row.has("rule") ? Constraint.RULE + ": " + row.get("rule").asText()
                        : row.get("check").asText());
                Constraint constraint = constraints.get(id);
                if (constraint == null) {
                    throw new IllegalStateException(table + ": " + crd + " has no constraint " + id);
                }
                listed.add(id);
                cases.add(new ConstraintCase(crd, constraint, row.path("field").asText(constraint.field()),
                        valid.get(row.path("valid").asInt(0)), row.get("reject"), row.get("accept"), row.path("update").asBoolean()));
            }
            for (Constraint required : constraints.values()) {
                if (Constraint.REQUIRED.equals(required.kind()) && !listed.contains(required.id())) {
                    valid.stream().filter(v -> !JsonEdits.at(v, required.firstItemPath()).isMissingNode()).findFirst()
                            .ifPresent(v -> cases.add(removing(crd, required, v)));
                }
            }
        }
        return cases;
    }

    private static ConstraintCase removing(CrdUnderTest crd, Constraint required, ObjectNode valid) {
        ObjectNode removal = JsonNodeFactory.instance.objectNode().putNull(required.firstItemPath());
        return new ConstraintCase(crd, required, required.field(), valid, removal, null, false);
    }

    private static JsonNode read(Path table) {
        try {
            return CrdUnderTest.YAML.readTree(Files.readString(table));
        } catch (IOException e) {
            throw new UncheckedIOException(table + " cannot be read", e);
        }
    }
}
