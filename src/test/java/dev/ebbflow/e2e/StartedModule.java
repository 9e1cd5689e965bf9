package dev.ebbflow.e2e;

import dev.ebbflow.operator.ControllerModule;
import dev.ebbflow.operator.OperatorContext;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * One controller module on a JOSDK operator of its own, configured as the operator configures each
 * module's (no server-side apply, which the mock API server lacks; the test's client stays open), for
 * tests that run a module in this JVM without leader election.
 */
public final class StartedModule implements AutoCloseable {

    private final ControllerModule module;
    private final Operator operator;

    private StartedModule(ControllerModule module, Operator operator) {
        this.module = module;
        this.operator = operator;
    }

    /** Registers {@code module} with a fresh meter registry and the system clock, and starts it. */
    public static StartedModule start(ControllerModule module, KubernetesClient client) {
        return start(module, client, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC());
    }

    public static StartedModule start(ControllerModule module, KubernetesClient client, PrometheusMeterRegistry registry, Clock clock) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withUseSSAToPatchPrimaryResource(false)
                .withSSABasedCreateUpdateMatchForDependentResources(false).checkingCRDAndValidateLocalModel(false));
        module.register(operator, new OperatorContext(client, null, registry, clock));
        operator.start();
        return new StartedModule(module, operator);
    }

    /** Stops the module's reconcilers, then releases what the module holds, in the operator's order. */
    @Override
    public void close() {
        operator.stop();
        module.close();
    }
}
