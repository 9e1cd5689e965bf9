package dev.ebbflow.operator.autoscaling.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"keda-hpa-orders", "orders", "a", "orders.v2", "0-workers-9"})
    void acceptsSubdomains(String name) {
        assertThat(ObjectNames.checkSubdomain("spec.x", name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Keda_HPA!", "Orders", "-orders", "orders-", "orders..v2", "orders_v2", "orders v2"})
    void refusesOthersNamingTheField(String name) {
        assertThat(ObjectNames.checkSubdomain("spec.advanced.horizontalPodAutoscalerConfig.name", name))
                .hasValueSatisfying(e -> assertThat(e.field()).isEqualTo("spec.advanced.horizontalPodAutoscalerConfig.name"));
    }

    @Test
    void refusesNamesLongerThan253Characters() {
        assertThat(ObjectNames.checkSubdomain("metadata.name", "a".repeat(253))).isEmpty();
        assertThat(ObjectNames.checkSubdomain("metadata.name", "a".repeat(254))).hasValueSatisfying(e -> assertThat(e.message()).contains("253"));
    }
}
