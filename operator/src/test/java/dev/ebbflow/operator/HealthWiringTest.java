package dev.ebbflow.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.OperatorProcess;
import dev.ebbflow.operator.cli.OperatorProcess.Answer;
import dev.ebbflow.operator.cli.OperatorSettings;
import dev.ebbflow.operator.health.HealthLimits;
import dev.ebbflow.operator.startup.RepositoryCrds;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.testkit.Eventually;
import dev.ebbflow.testkit.kube.ControlPlane;
import dev.ebbflow.testkit.kube.RealControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A live operator on the real control plane, wedged one part at a time: {@code /healthz} answers 200
 * while every part works (past every allowance, so the signs are really seen) and 503 naming the
 * wedged part, and only it, once that part has been silent for longer than its limit.
 */
@ExtendWith(RealControlPlane.class)
class HealthWiringTest {

    /** Short limits, so that a wedge shows within seconds; the product's are a minute or more. */
    private static final HealthLimits LIMITS = new HealthLimits(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(200),
            Duration.ofSeconds(2), Duration.ofSeconds(2));

    private static KubernetesClient client;
    private static String ns;

    enum Wedge {
        SCALED_OBJECT_INFORMERS(EbbflowOperator.VITAL_SCALED_OBJECT_INFORMERS, o -> o.scaledObjectIndex().close()),
        SCALE_LOOP(EbbflowOperator.VITAL_SCALE_LOOP, o -> o.scaleLoop().close()),
        METRICS_API(EbbflowOperator.VITAL_METRICS_API, o -> o.metricsApiServer().close());

        final String vitalSign;
        final Consumer<EbbflowOperator> apply;

        Wedge(String vitalSign, Consumer<EbbflowOperator> apply) {
            this.vitalSign = vitalSign;
            this.apply = apply;
        }
    }

    @BeforeAll
    static void cluster(ControlPlane cp) {
        client = cp.newClient();
        RepositoryCrds.KEDA.forEach(crd -> RepositoryCrds.ensureInstalled(client, crd));
        ns = cp.createNamespace(client, "health");
    }

    @AfterAll
    static void cleanUp() {
        if (client != null) {
            client.namespaces().withName(ns).delete();
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Wedge.class)
    void healthzFailsNamingTheWedgedPartAndOnlyIt(Wedge wedge) {
        OperatorSettings settings = new OperatorSettings(Set.of(ns), 1000, 2000, "INFO", false, "ebbflow-operator", ns, ns, 0, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), Set.of());
        try (EbbflowOperator operator = EbbflowOperator.builder().settings(settings).client(client).scalers(ScalerRegistry.loadInstalled())
                .bindHost("127.0.0.1").withoutMetricsApiClientAuthentication().watchCrds(true).healthLimits(LIMITS).build().start()) {
            // Healthy past every limit: each sign is seen working, not merely still within its first allowance.
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(operator.scaledObjectIndex().hasSynced()).isTrue());
            Eventually.pause(LIMITS.informerSilence().plusSeconds(1));
            Answer before = healthz(operator);
            assertThat(before.status()).as("/healthz before the wedge: %s", before.body()).isEqualTo(200);

            wedge.apply.accept(operator);

            Eventually.within(Duration.ofSeconds(15), () -> {
                Answer after = healthz(operator);
                assertThat(after.status()).as("/healthz once %s is wedged: %s", wedge, after.body()).isEqualTo(503);
                assertThat(after.body()).contains(wedge.vitalSign + ": not seen working for");
            });
            Answer after = healthz(operator);
            List<String> others = java.util.Arrays.stream(Wedge.values()).filter(w -> w != wedge).map(w -> w.vitalSign).toList();
            assertThat(others).as("parts named though not wedged, in: %s", after.body()).noneMatch(after.body()::contains);
        }
    }

    private static Answer healthz(EbbflowOperator operator) {
        return OperatorProcess.get(operator.metricsPort(), "/healthz");
    }
}
