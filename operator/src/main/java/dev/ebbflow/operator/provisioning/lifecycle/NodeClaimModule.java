package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.operator.ControllerModule;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.observability.KarpenterMetrics;
import dev.ebbflow.operator.provisioning.kube.CloudProviders;
import dev.ebbflow.operator.provisioning.kube.KarpenterEvents;
import dev.ebbflow.operator.provisioning.kube.PodEvictor;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * {@link NodeClaimControllers} as a {@link ControllerModule} of the Ebbflow operator. The emptiness
 * pass starts with the module; it waits for the caches to sync, so starting before the operator
 * does is safe.
 */
public final class NodeClaimModule implements ControllerModule {

    /** What the module needs from the rest of the process, built from the operator's context. */
    public record Wiring(CloudProviders clouds, PodEvictor evictor, KarpenterEvents events, KarpenterMetrics metrics) {
    }

    private final Function<OperatorContext, Wiring> wiring;
    private final LifecycleSettings settings;
    private final ScheduledExecutorService executor;
    private final Duration emptinessPeriod;
    private NodeClaimControllers controllers;

    public NodeClaimModule(Function<OperatorContext, Wiring> wiring, LifecycleSettings settings,
                           ScheduledExecutorService executor, Duration emptinessPeriod) {
        this.wiring = wiring;
        this.settings = settings;
        this.executor = executor;
        this.emptinessPeriod = emptinessPeriod;
    }

    @Override
    public String name() {
        return "nodeclaims";
    }

    @Override
    public synchronized void register(Operator operator, OperatorContext context) {
        Wiring w = wiring.apply(context);
        controllers = new NodeClaimControllers(context.client(), context.clock(), w.clouds(), w.evictor(), w.events(), w.metrics(), settings);
        controllers.registerWith(operator);
        controllers.startEmptiness(executor, emptinessPeriod);
    }

    @Override
    public synchronized void close() {
        if (controllers != null) {
            controllers.close();
        }
    }
}
