package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import java.util.Set;

/** Registers the ScaledJob reconciler on a JOSDK operator with the configuration it relies on. */
public final class ScaledJobController {

    public static final String NAME = "scaledjob";

    private ScaledJobController() {
    }

    /**
     * @param namespaces namespaces to watch; empty watches all
     */
    public static RegisteredController<ScaledJob> register(Operator operator, ScaledJobReconciler reconciler, Set<String> namespaces) {
        return operator.register(reconciler, c -> {
            // The finalizer is JOSDK's default, scaledjobs.keda.sh/finalizer: KEDA's own finalizer.keda.sh
            // is not domain-qualified, which JOSDK refuses; the reconciler removes it with its own (KedaFinalizer).
            c.withName(NAME)
                    // The pause annotation does not change the generation, and must still be acted on.
                    .withGenerationAware(false);
            if (!namespaces.isEmpty()) {
                c.settingNamespaces(namespaces);
            }
        });
    }
}
