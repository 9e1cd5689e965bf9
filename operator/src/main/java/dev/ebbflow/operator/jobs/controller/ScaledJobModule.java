package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.auth.ClusterTriggerAuthentication;
import dev.ebbflow.crds.keda.auth.TriggerAuthentication;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.ControllerModule;
import dev.ebbflow.operator.OperatorContext;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import dev.ebbflow.operator.startup.CrdNames;
import io.javaoperatorsdk.operator.Operator;
import java.util.Objects;
import java.util.Set;

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
    public Set<String> requiredCrds() {
        return CrdNames.of(ScaledJob.class, TriggerAuthentication.class, ClusterTriggerAuthentication.class);
    }

    @Override
    public void register(Operator operator, OperatorContext context) {
        Objects.requireNonNull(context.scalers(), "OperatorContext.scalers: ScaledJobs need the operator's scaler factories");
        Objects.requireNonNull(context.kedaMetrics(), "OperatorContext.kedaMetrics: ScaledJobs need the operator's KEDA metrics");
        String operatorNamespace = context.settings().operatorNamespace();
        ScaledJobReconciler reconciler = new ScaledJobReconciler(context.client(), context.scalers(),
                new AuthDependencyWatch(context.client(), operatorNamespace), operatorNamespace, context.kedaMetrics(), context.clock(), context.leadership());
        ScaledJobController.register(operator, reconciler, context.settings().watchNamespaces());
    }
}
