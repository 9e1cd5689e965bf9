package dev.ebbflow.operator.helm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Values that would install a broken or over-privileged operator are refused, naming the value. */
class HelmChartBadValuesTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Map.of("replicaCount", 2, "leaderElection", Map.of("enabled", false)), "leaderElection.enabled"),
                Arguments.of(Map.of("certificate", Map.of("generate", false)), "certificate.caCert"),
                Arguments.of(Map.of("certificate", Map.of("generate", false, "caCert", "PEM")), "certificate.tlsCert"),
                Arguments.of(Map.of("certificate", Map.of("generate", false, "caCert", "PEM", "tlsCert", "PEM")), "certificate.tlsKey"),
                Arguments.of(Map.of("extraScaleTargets", List.of(Map.of("apiGroup", "*", "resource", "rollouts"))), "extraScaleTargets[0]"),
                Arguments.of(Map.of("extraScaleTargets", List.of(
                        Map.of("apiGroup", "argoproj.io", "resource", "rollouts"),
                        Map.of("apiGroup", "example.com", "resource", "*"))), "extraScaleTargets[1]"),
                Arguments.of(Map.of("extraScaleTargets", List.of(Map.of("apiGroup", "argoproj.io", "resource", "rollouts/scale"))),
                        "extraScaleTargets[0].resource"),
                Arguments.of(Map.of("extraScaleTargets", List.of(Map.of("apiGroup", "", "resource", "pods"))),
                        "extraScaleTargets[0].apiGroup"),
                Arguments.of(Map.of("metricsApi", Map.of("port", 8080)), "metricsApi.port"),
                Arguments.of(Map.of("logLevel", "verbose"), "logLevel"),
                Arguments.of(Map.of("settings", Map.of("batchIdleDuration", "soon")), "settings.batchIdleDuration"),
                Arguments.of(Map.of("settings", Map.of("batchMaxDuration", 10)), "settings.batchMaxDuration"),
                Arguments.of(Map.of("replicaCount", 0), "replicaCount"),
                Arguments.of(Map.of("watchNamespaces", "team-a"), "watchNamespaces"),
                Arguments.of(Map.of("watchNamespaces", List.of("Team_A")), "watchNamespaces"),
                Arguments.of(Map.of("serviceAccount", Map.of("create", false)), "serviceAccount.name"),
                Arguments.of(Map.of("watchNamespace", List.of("team-a")), "watchNamespace"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void refusedWithAMessageNamingTheValue(Map<String, Object> values, String field) {
        assertThatThrownBy(() -> RenderedChart.template(values))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(field);
    }

    @Test
    void validValuesStillRender() {
        RenderedChart.template(Map.of("replicaCount", 1, "leaderElection", Map.of("enabled", false),
                "serviceAccount", Map.of("create", false, "name", "existing")));
    }
}
