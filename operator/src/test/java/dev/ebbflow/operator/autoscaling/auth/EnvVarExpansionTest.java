package dev.ebbflow.operator.autoscaling.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvVarExpansionTest {

    private static String expand(String value) throws UnresolvableException {
        Map<String, String> vars = Map.of("A", "1", "B", "two");
        return EnvVarExpansion.expand(value, name -> Optional.ofNullable(vars.get(name)));
    }

    @Test
    void expandsDefinedReferencesAndKeepsOthers() throws Exception {
        assertThat(expand("x$(A)y$(B)")).isEqualTo("x1ytwo");
        assertThat(expand("$(C)")).isEqualTo("$(C)");
        assertThat(expand("$$(A)")).isEqualTo("$(A)");
        assertThat(expand("a$b$")).isEqualTo("a$b$");
        assertThat(expand("$(A")).isEqualTo("$(A");
        assertThat(expand("")).isEmpty();
    }
}
