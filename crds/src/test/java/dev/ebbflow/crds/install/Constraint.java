package dev.ebbflow.crds.install;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One validation a CRD's schema asks of the API server: an OpenAPI keyword or a CEL rule, at a path
 * where {@code [*]} stands for any list item or map value ({@code spec.template.spec.requirements[*].key}).
 *
 * @param path     where the schema declares it
 * @param kind     the OpenAPI keyword ({@code pattern}, {@code maxItems}, {@code required}, ...) or {@code rule}
 * @param argument the keyword's value (the pattern, the bound) or the rule's message; empty for required
 * @param fallback for a required field, the schema's default (the API server fills it in, so its absence is
 *                 never an error); otherwise null
 * @param field    where the API server reports a violation in the first list item: the path with {@code [0]}
 *                 for {@code [*]}, followed by a rule's {@code fieldPath}; relative to {@code status} for a status
 *                 field, since an update of the status subresource is validated against the status schema alone
 */
record Constraint(String path, String kind, String argument, JsonNode fallback, String field) {

    static final String RULE = "rule";
    static final String REQUIRED = "required";
    /** The OpenAPI keywords that reject a value (format, type and nullable are the structure, not constraints). */
    static final List<String> KEYWORDS = List.of("pattern", "enum", "minimum", "maximum", "minLength", "maxLength",
            "minItems", "maxItems", "minProperties", "maxProperties");

    /** How the constraint is named in a case table: {@code "<path> <kind>"}, or {@code "<path> rule: <message>"}. */
    String id() {
        return path + " " + (RULE.equals(kind) ? RULE + ": " + argument : kind);
    }

    Constraint(String path, String kind, String argument, JsonNode fallback) {
        this(path, kind, argument, fallback, path.replace("[*]", "[0]").replaceFirst("^status\\.", ""));
    }

    /** The path in an object, with the first list item: where a case edits to break or keep the constraint. */
    String firstItemPath() {
        return path.replace("[*]", "[0]");
    }

    boolean onStatus() {
        return path.startsWith("status.");
    }

    /** What the API server's message says, after the field, when it rejects an object for this constraint. */
    List<String> rejection() {
        return switch (kind) {
            case REQUIRED -> List.of("Required value");
            case RULE -> List.of(argument);
            case "pattern" -> List.of("should match '" + argument + "'");
            case "enum" -> List.of("Unsupported value");
            case "minimum" -> List.of("should be greater than or equal to " + argument);
            case "maximum" -> List.of("should be less than or equal to " + argument);
            case "minLength" -> List.of("should be at least " + argument + " chars long");
            case "maxLength" -> List.of("Too long", argument);
            case "minItems", "minProperties" -> List.of("should have at least " + argument + " items");
            case "maxItems", "maxProperties" -> List.of("Too many", "must have at most " + argument + " items");
            default -> throw new IllegalStateException("no rejection known for " + kind);
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
