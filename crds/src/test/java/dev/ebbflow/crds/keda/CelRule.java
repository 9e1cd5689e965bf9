package dev.ebbflow.crds.keda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates one x-kubernetes-validations rule with Google's CEL, {@code self} bound to a YAML
 * document turned into CEL values (objects as maps, integers as int64), as the API server does.
 */
final class CelRule {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String rule;
    private final CelRuntime.Program program;

    CelRule(String rule) {
        this.rule = rule;
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(rule).getAst();
            this.program = RUNTIME.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("rule does not compile: " + rule, e);
        }
    }

    /** Whether the rule holds for {@code self} given as YAML. */
    boolean holdsFor(String selfYaml) {
        try {
            Object result = program.eval(Map.of("self", toCel(YAML.readTree(selfYaml))));
            if (!(result instanceof Boolean holds)) {
                throw new IllegalStateException(rule + " returned " + result);
            }
            return holds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CelEvaluationException e) {
            throw new IllegalStateException(rule + " failed on " + selfYaml, e);
        }
    }

    private static Object toCel(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.fields().forEachRemaining(f -> map.put(f.getKey(), toCel(f.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toCel(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.asText();
    }
}
