package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.TriggerConfig;

/**
 * Turns one trigger of a ScaledJob into what a scaler factory needs: its metadata with
 * {@code ...FromEnv} values and its authentication parameters resolved. The ScaledJob's env source is
 * {@code spec.jobTargetRef.template} (container {@code envSourceContainerName}, else the first).
 */
@FunctionalInterface
public interface TriggerConfigResolver {

    /**
     * @throws ScalerConfigException naming the field relative to the trigger (e.g. {@code authenticationRef.name});
     *     the message never holds a credential
     */
    TriggerConfig resolve(ScaledJob scaledJob, int index, ScaleTrigger trigger) throws ScalerConfigException;
}
