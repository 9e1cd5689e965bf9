package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import java.util.Map;

/**
 * Passes a trigger's metadata through unchanged, for builds without TriggerAuthentication support.
 * A trigger that needs more (an {@code authenticationRef}, a {@code ...FromEnv} key) is refused with
 * a field error instead of being built without its credentials.
 */
public final class PlainMetadataResolver implements TriggerParameterResolver {

    @Override
    public ResolvedTrigger resolve(ScaledObject scaledObject, int index, ScaleTrigger trigger) throws TriggerResolutionException {
        String at = "spec.triggers[" + index + "]";
        if (trigger.getAuthenticationRef() != null) {
            throw new TriggerResolutionException(at + ".authenticationRef", "authentication references are not supported by this resolver");
        }
        Map<String, String> metadata = trigger.getMetadata() == null ? Map.of() : trigger.getMetadata();
        for (String key : metadata.keySet()) {
            if (key.endsWith("FromEnv")) {
                throw new TriggerResolutionException(at + ".metadata." + key, "environment references are not supported by this resolver");
            }
        }
        return new ResolvedTrigger(metadata, Map.of(), null);
    }
}
