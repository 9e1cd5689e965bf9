package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;

/**
 * Turns one trigger of a ScaledObject into the parameters its scaler is built from: the metadata
 * (with {@code ...FromEnv} keys resolved from the scale target's container) and the parameters of
 * its TriggerAuthentication or ClusterTriggerAuthentication.
 */
@FunctionalInterface
public interface TriggerParameterResolver {

    ResolvedTrigger resolve(ScaledObject scaledObject, int index, ScaleTrigger trigger) throws TriggerResolutionException;
}
