package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.ControllerModule;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import io.javaoperatorsdk.operator.Operator;
import java.util.Objects;

/**
 * KEDA ScaledJobs as a {@link ControllerModule} of the Ebbflow operator: the reconciler runs on the
 * same JOSDK operator, leader election, scaler factories (so connections to a broker are shared with
 * ScaledObjects) and KEDA metrics as the ScaledObject controller.
 */
public final class ScaledJobModule implements ControllerModule {

    @Override
    public String name() {
        return "scaledjobs";
    }

    @Override
    public void register(Operator operator, OperatorContext context) {
        Objects.requireNonNull(context.scalers(), "OperatorContext.scalers: ScaledJobs need the operator's scaler factories");
        Objects.requireNonNull(context.kedaMetrics(), "OperatorContext.kedaMetrics: ScaledJobs need the operator's KEDA metrics");
        String operatorNamespace = context.settings().operatorNamespace();
        ScaledJobReconciler reconciler = new ScaledJobReconciler(context.client(), context.scalers(),
                new AuthDependencyWatch(context.client(), operatorNamespace), operatorNamespace, context.kedaMetrics(), context.clock());
        ScaledJobController.register(operator, reconciler, context.settings().watchNamespaces());
    }
}
