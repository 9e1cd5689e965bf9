package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.auth.PodIdentity;
import dev.ebbflow.crds.keda.auth.TriggerAuthenticationSpec;
import dev.ebbflow.operator.autoscaling.auth.PodIdentityRules;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission of a TriggerAuthentication or ClusterTriggerAuthentication: KEDA's {@code podIdentity}
 * rules refuse it; what KEDA accepts but Ebbflow cannot use is a warning, so that a KEDA manifest still
 * applies while saying why its triggers will not be Ready. Pure.
 */
public final class TriggerAuthenticationAdmission {

    private TriggerAuthenticationAdmission() {
    }

    public static Verdict review(TriggerAuthenticationSpec spec) {
        if (spec == null) {
            return Verdict.allow();
        }
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        PodIdentity identity = spec.getPodIdentity();
        if (identity != null) {
            PodIdentityRules.violation(identity).ifPresentOrElse(v -> denials.add(v.toString()),
                    () -> PodIdentityRules.unsupported(identity).ifPresent(v -> warnings.add(v.toString())));
            if ("aws-eks".equals(identity.getProvider())) {
                warnings.add("spec.podIdentity.provider: aws-eks is deprecated (KEDA removes it in v3); use aws");
            }
        }
        TriggerAuthResolver.unsupportedSource(spec).ifPresent(field -> warnings.add("spec." + field + ": " + TriggerAuthResolver.UNSUPPORTED_SOURCE));
        return new Verdict(denials, warnings);
    }
}
