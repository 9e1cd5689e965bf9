package dev.ebbflow.operator.provisioning.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

    @Test
    void nullSelectsNothingAndEmptySelectsEverything() {
        assertThat(LabelSelectors.matches(null, Map.of("a", "b"))).isFalse();
        assertThat(LabelSelectors.matches(new LabelSelector(), Map.of())).isTrue();
    }

    @Test
    void setBasedOperators() {
        LabelSelector s = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web"))
                .addNewMatchExpression().withKey("tier").withOperator("In").withValues("front", "edge").endMatchExpression()
                .addNewMatchExpression().withKey("env").withOperator("NotIn").withValues("dev").endMatchExpression()
                .addNewMatchExpression().withKey("canary").withOperator("DoesNotExist").endMatchExpression()
                .addNewMatchExpression().withKey("team").withOperator("Exists").endMatchExpression()
                .build();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web", "tier", "edge", "team", "x"))).isTrue();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web", "tier", "back", "team", "x"))).isFalse();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web", "tier", "edge", "team", "x", "env", "dev"))).isFalse();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web", "tier", "edge", "team", "x", "canary", "1"))).isFalse();
        assertThat(LabelSelectors.matches(s, Map.of("app", "web", "tier", "edge"))).isFalse();
    }
}
