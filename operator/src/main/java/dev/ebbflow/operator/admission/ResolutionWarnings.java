package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.controller.ResolvedTrigger;
import dev.ebbflow.operator.autoscaling.controller.TriggerParameterResolver;
import dev.ebbflow.operator.autoscaling.controller.TriggerResolutionException;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves triggers as the reconciler does and remembers each failure: at admission, a
 * TriggerAuthentication, Secret or scale target that does not exist yet is a warning, not a refusal,
 * since a manifest may create the ScaledObject first.
 */
final class ResolutionWarnings implements TriggerParameterResolver {

    private final TriggerParameterResolver delegate;
    private final List<FieldError> failures = new ArrayList<>();

    ResolutionWarnings(TriggerParameterResolver delegate) {
        this.delegate = delegate;
    }

    @Override
    public ResolvedTrigger resolve(ScaledObject scaledObject, int index, ScaleTrigger trigger) throws TriggerResolutionException {
        try {
            return delegate.resolve(scaledObject, index, trigger);
        } catch (TriggerResolutionException e) {
            failures.add(new FieldError(e.field(), e.getMessage()));
            throw e;
        }
    }

    /** Whether {@code error} is one of the resolution failures seen, rather than a fault of the manifest itself. */
    boolean isResolutionFailure(FieldError error) {
        return failures.contains(error);
    }
}
