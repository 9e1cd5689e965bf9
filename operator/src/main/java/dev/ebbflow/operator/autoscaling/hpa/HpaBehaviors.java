package dev.ebbflow.operator.autoscaling.hpa;

import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.autoscaling.core.hpa.HpaBehavior;
import dev.ebbflow.operator.autoscaling.core.hpa.PolicyType;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingPolicy;
import dev.ebbflow.operator.autoscaling.core.hpa.ScalingRules;
import dev.ebbflow.operator.autoscaling.core.hpa.SelectPolicy;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.ArrayList;
import java.util.List;

/** Converts an HPA {@code behavior} between the Kubernetes model and the scaling core's records. */
public final class HpaBehaviors {

    private HpaBehaviors() {
    }

    /**
     * The core's view of a manifest behavior; unreadable values are reported under {@code field}
     * and left out, so that validation can report every problem at once.
     */
    public static HpaBehavior toCore(HorizontalPodAutoscalerBehavior behavior, String field, List<FieldError> errors) {
        if (behavior == null) {
            return null;
        }
        return new HpaBehavior(rulesToCore(behavior.getScaleUp(), field + ".scaleUp", errors),
                rulesToCore(behavior.getScaleDown(), field + ".scaleDown", errors));
    }

    /** The manifest form of a core behavior, as written into the generated HPA. */
    public static HorizontalPodAutoscalerBehavior toManifest(HpaBehavior behavior) {
        if (behavior == null) {
            return null;
        }
        return new HorizontalPodAutoscalerBehavior(rulesToManifest(behavior.scaleDown()), rulesToManifest(behavior.scaleUp()));
    }

    private static ScalingRules rulesToCore(HPAScalingRules rules, String field, List<FieldError> errors) {
        if (rules == null) {
            return null;
        }
        SelectPolicy select = null;
        try {
            select = SelectPolicy.fromManifest(rules.getSelectPolicy());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field + ".selectPolicy", e.getMessage()));
        }
        List<ScalingPolicy> policies = null;
        // The client reads an absent list as empty; the API server then defaults the policies, so absent stays absent here.
        if (rules.getPolicies() != null && !rules.getPolicies().isEmpty()) {
            policies = new ArrayList<>();
            for (int i = 0; i < rules.getPolicies().size(); i++) {
                HPAScalingPolicy p = rules.getPolicies().get(i);
                String at = field + ".policies[" + i + "]";
                PolicyType type = null;
                try {
                    type = PolicyType.fromManifest(p.getType());
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError(at + ".type", e.getMessage()));
                }
                if (p.getValue() == null) {
                    errors.add(new FieldError(at + ".value", "is required"));
                }
                if (p.getPeriodSeconds() == null) {
                    errors.add(new FieldError(at + ".periodSeconds", "is required"));
                }
                if (type != null && p.getValue() != null && p.getPeriodSeconds() != null) {
                    policies.add(new ScalingPolicy(type, p.getValue(), p.getPeriodSeconds()));
                }
            }
        }
        Double tolerance = null;
        if (rules.getTolerance() != null) {
            try {
                tolerance = rules.getTolerance().getNumericalAmount().doubleValue();
            } catch (RuntimeException e) {
                errors.add(new FieldError(field + ".tolerance", "must be a quantity, got '" + rules.getTolerance() + "'"));
            }
        }
        return new ScalingRules(rules.getStabilizationWindowSeconds(), select, policies, tolerance);
    }

    private static HPAScalingRules rulesToManifest(ScalingRules rules) {
        if (rules == null) {
            return null;
        }
        List<HPAScalingPolicy> policies = rules.policies() == null ? null
                : rules.policies().stream().map(p -> new HPAScalingPolicy(p.periodSeconds(), p.type().manifestName(), p.value())).toList();
        return new HPAScalingRules(policies, rules.selectPolicy() == null ? null : rules.selectPolicy().manifestName(),
                rules.stabilizationWindowSeconds(), rules.tolerance() == null ? null : new Quantity(Double.toString(rules.tolerance())));
    }
}
