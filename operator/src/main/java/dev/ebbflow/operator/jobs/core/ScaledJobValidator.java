package dev.ebbflow.operator.jobs.core;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledjob.Rollout;
import dev.ebbflow.crds.keda.scaledjob.ScaledJobSpec;
import dev.ebbflow.crds.keda.scaledjob.ScalingStrategy;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.operator.autoscaling.core.PauseAnnotations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a ScaledJob and, when it is valid, reads it into a {@link JobScalingSpec} with KEDA's defaults.
 * Every problem is reported at once, each naming its field as the user wrote it. The manifest is
 * read as parsed, so a value the CRD schema would have refused (a cluster without the schema, or the
 * mock API server) is still caught here.
 */
public final class ScaledJobValidator {

    private static final String STRATEGY = "spec.scalingStrategy";

    private ScaledJobValidator() {
    }

    /**
     * @param spec the valid spec, or null when {@code errors} is not empty
     * @param paused {@code autoscaling.keda.sh/paused} is set to a true value (an unreadable value pauses)
     */
    public record Result(JobScalingSpec spec, boolean paused, List<FieldError> errors) {
        public Result {
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }

        /** All errors on one line, for a condition message or an Event. */
        public String message() {
            return String.join("; ", errors.stream().map(FieldError::toString).toList());
        }
    }

    public static Result validate(ScaledJobSpec spec, Map<String, String> annotations) {
        List<FieldError> errors = new ArrayList<>();
        PauseAnnotations.Parsed pause = PauseAnnotations.parse(pauseOnly(annotations));
        errors.addAll(pause.errors());
        if (spec == null) {
            errors.add(new FieldError("spec", "is required"));
            return new Result(null, pause.state().paused(), errors);
        }
        checkJobTarget(spec, errors);
        int polling = positive("spec.pollingInterval", spec.getPollingInterval(), JobScalingSpec.DEFAULT_POLLING_INTERVAL_SECONDS, errors);
        int successful = nonNegative("spec.successfulJobsHistoryLimit", spec.getSuccessfulJobsHistoryLimit(), JobScalingSpec.DEFAULT_HISTORY_LIMIT, errors);
        int failed = nonNegative("spec.failedJobsHistoryLimit", spec.getFailedJobsHistoryLimit(), JobScalingSpec.DEFAULT_HISTORY_LIMIT, errors);
        int min = nonNegative("spec.minReplicaCount", spec.getMinReplicaCount(), JobScalingSpec.DEFAULT_MIN_REPLICA_COUNT, errors);
        int max = nonNegative("spec.maxReplicaCount", spec.getMaxReplicaCount(), JobScalingSpec.DEFAULT_MAX_REPLICA_COUNT, errors);
        if (min > max) {
            errors.add(new FieldError("spec.minReplicaCount", "must not be greater than spec.maxReplicaCount (" + max + "), got " + min));
        }
        checkTriggers(spec.getTriggers(), errors);
        RolloutStrategy rollout = rollout(spec, errors);
        JobScalingSpec parsed = scaling(spec.getScalingStrategy(), polling, min, max, successful, failed, rollout, errors);
        return new Result(errors.isEmpty() ? parsed : null, pause.state().paused(), errors);
    }

    // A ScaledJob only knows autoscaling.keda.sh/paused; the ScaledObject-only pause annotations do not apply.
    private static Map<String, String> pauseOnly(Map<String, String> annotations) {
        if (annotations == null || !annotations.containsKey(PauseAnnotations.PAUSED)) {
            return Map.of();
        }
        return Map.of(PauseAnnotations.PAUSED, Objects.requireNonNullElse(annotations.get(PauseAnnotations.PAUSED), ""));
    }

    private static void checkJobTarget(ScaledJobSpec spec, List<FieldError> errors) {
        if (spec.getJobTargetRef() == null) {
            errors.add(new FieldError("spec.jobTargetRef", "is required"));
            return;
        }
        PodTemplateSpec template = spec.getJobTargetRef().getTemplate();
        if (template == null) {
            errors.add(new FieldError("spec.jobTargetRef.template", "is required"));
            return;
        }
        List<Container> containers = template.getSpec() == null ? null : template.getSpec().getContainers();
        if (containers == null || containers.isEmpty()) {
            errors.add(new FieldError("spec.jobTargetRef.template.spec.containers", "must list at least one container"));
            return;
        }
        String envSource = spec.getEnvSourceContainerName();
        if (envSource != null && !envSource.isEmpty() && containers.stream().noneMatch(c -> envSource.equals(c.getName()))) {
            errors.add(new FieldError("spec.envSourceContainerName", "names no container of spec.jobTargetRef.template, got '" + envSource + "'"));
        }
    }

    private static void checkTriggers(List<ScaleTrigger> triggers, List<FieldError> errors) {
        if (triggers == null || triggers.isEmpty()) {
            errors.add(new FieldError("spec.triggers", "at least one trigger is required"));
            return;
        }
        for (int i = 0; i < triggers.size(); i++) {
            ScaleTrigger t = triggers.get(i);
            if (t == null || t.getType() == null || t.getType().isBlank()) {
                errors.add(new FieldError("spec.triggers[" + i + "].type", "is required"));
            }
        }
    }

    private static RolloutStrategy rollout(ScaledJobSpec spec, List<FieldError> errors) {
        Rollout r = spec.getRollout();
        // rollout.strategy wins; the deprecated rolloutStrategy is read only when rollout is absent.
        String field = r != null ? "spec.rollout.strategy" : "spec.rolloutStrategy";
        String kindValue = r != null ? r.getStrategy() : spec.getRolloutStrategy();
        RolloutStrategy.Kind kind = RolloutStrategy.Kind.DEFAULT;
        if (kindValue != null) {
            kind = RolloutStrategy.Kind.fromManifest(kindValue).orElse(null);
            if (kind == null) {
                errors.add(new FieldError(field, "must be default or gradual, got '" + kindValue + "'"));
            }
        }
        RolloutStrategy.PropagationPolicy policy = RolloutStrategy.PropagationPolicy.BACKGROUND;
        if (r != null && r.getPropagationPolicy() != null) {
            policy = RolloutStrategy.PropagationPolicy.fromManifest(r.getPropagationPolicy()).orElse(null);
            if (policy == null) {
                errors.add(new FieldError("spec.rollout.propagationPolicy", "must be background or foreground, got '" + r.getPropagationPolicy() + "'"));
            }
        }
        return kind == null || policy == null ? null : new RolloutStrategy(kind, policy);
    }

    private static JobScalingSpec scaling(ScalingStrategy s, int polling, int min, int max, int successful, int failed,
            RolloutStrategy rollout, List<FieldError> errors) {
        ScalingStrategyKind kind = ScalingStrategyKind.DEFAULT;
        MultipleScalersCalculation calculation = MultipleScalersCalculation.MAX;
        int deduction = 0;
        double percentage = 1.0;
        List<String> pending = List.of();
        if (s != null) {
            if (s.getStrategy() != null) {
                kind = ScalingStrategyKind.fromManifest(s.getStrategy()).orElse(null);
                if (kind == null) {
                    errors.add(new FieldError(STRATEGY + ".strategy", "must be one of default, custom, accurate, eager, got '" + s.getStrategy() + "'"));
                }
            }
            if (s.getMultipleScalersCalculation() != null) {
                calculation = MultipleScalersCalculation.fromManifest(s.getMultipleScalersCalculation()).orElse(null);
                if (calculation == null) {
                    errors.add(new FieldError(STRATEGY + ".multipleScalersCalculation",
                            "must be one of max, min, avg, sum, got '" + s.getMultipleScalersCalculation() + "'"));
                }
            }
            boolean custom = kind == ScalingStrategyKind.CUSTOM;
            Integer deductionValue = s.getCustomScalingQueueLengthDeduction();
            String percentageText = blankToNull(s.getCustomScalingRunningJobPercentage());
            // KEDA ignores the custom fields of other strategies; a zero written there changes nothing, so it is not refused.
            if (deductionValue != null && deductionValue != 0) {
                onlyWithCustom(custom, "customScalingQueueLengthDeduction", kind, errors);
            }
            if (percentageText != null) {
                percentage = percentage(percentageText, errors);
                if (percentage != 0) {
                    onlyWithCustom(custom, "customScalingRunningJobPercentage", kind, errors);
                }
            }
            if (custom && (deductionValue == null || percentageText == null)) {
                // KEDA runs custom only with both fields set, and the default strategy otherwise.
                kind = ScalingStrategyKind.DEFAULT;
                percentage = 1.0;
            } else if (custom) {
                // A negative deduction adds Jobs, as in KEDA, which does not check its sign.
                deduction = deductionValue;
            } else {
                percentage = 1.0;
            }
            pending = pendingPodConditions(s.getPendingPodConditions(), errors);
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new JobScalingSpec(polling, min, max, successful, failed, kind, deduction, percentage, pending, calculation, rollout);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void onlyWithCustom(boolean custom, String field, ScalingStrategyKind kind, List<FieldError> errors) {
        if (!custom) {
            errors.add(new FieldError(STRATEGY + "." + field, "only applies to strategy custom, but strategy is '"
                    + (kind == null ? "invalid" : kind.manifestName()) + "'"));
        }
    }

    private static double percentage(String value, List<FieldError> errors) {
        String field = STRATEGY + ".customScalingRunningJobPercentage";
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d) && d >= 0) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a non-negative decimal number such as \"0.5\", got '" + value + "'"));
        return 1.0;
    }

    private static List<String> pendingPodConditions(List<String> conditions, List<FieldError> errors) {
        if (conditions == null) {
            return List.of();
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i) == null || conditions.get(i).isBlank()) {
                errors.add(new FieldError(STRATEGY + ".pendingPodConditions[" + i + "]", "must name a pod condition type"));
            }
        }
        return conditions;
    }

    private static int nonNegative(String field, Integer value, int defaultValue, List<FieldError> errors) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 0) {
            errors.add(new FieldError(field, "must not be negative, got " + value));
            return defaultValue;
        }
        return value;
    }

    private static int positive(String field, Integer value, int defaultValue, List<FieldError> errors) {
        if (value != null && value <= 0) {
            errors.add(new FieldError(field, "must be greater than 0, got " + value));
            return defaultValue;
        }
        return value == null ? defaultValue : value;
    }
}
