package dev.ebbflow.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.startup.CrdAvailability;
import dev.ebbflow.testkit.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A controller module whose start fails is tried again after a backoff, and reported until it starts. */
@EnableKubernetesMockClient(crud = true)
class ControllersRetryTest {

    static KubernetesClient client;

    /** Fails its first start, as against an API server that is restarting, then starts. */
    private static final class FlakyModule implements ControllerModule {
        final AtomicInteger registrations = new AtomicInteger();

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public Set<String> requiredCrds() {
            return Set.of();
        }

        @Override
        public void register(Operator operator, OperatorContext context) {
            if (registrations.incrementAndGet() == 1) {
                throw new KubernetesClientException("connection refused");
            }
            operator.register(new ConfigMaps(), c -> c.settingNamespaces("default"));
        }
    }

    private static final class ConfigMaps implements Reconciler<ConfigMap> {
        @Override
        public UpdateControl<ConfigMap> reconcile(ConfigMap resource, Context<ConfigMap> context) {
            return UpdateControl.noUpdate();
        }
    }

    @Test
    void aModuleThatFailedToStartIsTriedAgainAfterTheBackoff() {
        FlakyModule module = new FlakyModule();
        Controllers controllers = new Controllers(List.of(module), new OperatorContext(client, null,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC()), CrdAvailability.assumeInstalled(), 1);
        try {
            controllers.startReady();
            assertThat(controllers.failures()).singleElement().asString().contains("flaky controllers could not start");
            assertThat(controllers.anyStarted()).isFalse();

            Eventually.within(Duration.ofSeconds(15), () -> assertThat(controllers.anyStarted()).isTrue());
            assertThat(module.registrations).hasValue(2);
            assertThat(controllers.failures()).as("reported only while it is not started").isEmpty();
        } finally {
            controllers.stop();
        }
    }
}
