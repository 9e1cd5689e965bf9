package dev.ebbflow.operator.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
    private static final Map<String, String> ORDERS = Map.of("scaledobject.keda.sh/name", "orders", "tier", "backend");

    @Test
    void parsesTheSelectorTheHpaSends() {
        LabelSelector selector = LabelSelector.parse("scaledobject.keda.sh/name=orders");
        assertThat(selector.requirements()).containsExactly(
                new LabelSelector.Requirement("scaledobject.keda.sh/name", LabelSelector.Operator.EQUALS, java.util.Set.of("orders")));
        assertThat(selector.equalityValue("scaledobject.keda.sh/name")).contains("orders");
        assertThat(selector.matches(ORDERS)).isTrue();
        assertThat(selector.matches(Map.of("scaledobject.keda.sh/name", "payments"))).isFalse();
    }

    @Test
    void combinesEqualityInequalityAndExistence() {
        assertThat(LabelSelector.parse("tier==backend, scaledobject.keda.sh/name = orders").matches(ORDERS)).isTrue();
        assertThat(LabelSelector.parse("tier!=frontend").matches(ORDERS)).isTrue();
        assertThat(LabelSelector.parse("tier!=backend").matches(ORDERS)).isFalse();
        assertThat(LabelSelector.parse("missing!=x").matches(ORDERS)).isTrue();
        assertThat(LabelSelector.parse("tier").matches(ORDERS)).isTrue();
        assertThat(LabelSelector.parse("!tier").matches(ORDERS)).isFalse();
        assertThat(LabelSelector.parse("!missing").matches(ORDERS)).isTrue();
    }

    @Test
    void supportsSetRequirements() {
        assertThat(LabelSelector.parse("tier in (frontend, backend)").matches(ORDERS)).isTrue();
        assertThat(LabelSelector.parse("tier notin (backend)").matches(ORDERS)).isFalse();
        assertThat(LabelSelector.parse("tier in (frontend),scaledobject.keda.sh/name=orders").matches(ORDERS)).isFalse();
    }

    @Test
    void emptySelectsEverything() {
        assertThat(LabelSelector.parse(null).matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse("  ").matches(ORDERS)).isTrue();
    }

    @Test
    void equalSelectorsAreEqualKeys() {
        assertThat(LabelSelector.parse("a=b,c=d")).isEqualTo(LabelSelector.parse("a = b,c==d")).hasSameHashCodeAs(LabelSelector.parse("a==b,c=d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b,", ",", "=b", "a b=c", "a=b=c", "a=!b", "bad key=x", "a in (x", "-a=b", "a=" + "x-"})
    void rejectsMalformedSelectorsNamingTheParameter(String malformed) {
        assertThatThrownBy(() -> LabelSelector.parse(malformed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("labelSelector");
    }
}
