package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.crds.keda.scaledjob.ScaledJobStatus;
import dev.ebbflow.operator.autoscaling.core.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Writes what a reconcile decided onto a ScaledJob's status, reporting whether anything changed. */
final class ScaledJobStatusUpdate {

    private ScaledJobStatusUpdate() {
    }

    static ScaledJobStatus statusOf(ScaledJob scaledJob) {
        if (scaledJob.getStatus() == null) {
            scaledJob.setStatus(new ScaledJobStatus());
        }
        return scaledJob.getStatus();
    }

    /** Sets the conditions (adding the missing ones as Unknown first, as KEDA does). */
    static boolean conditions(ScaledJob scaledJob, List<Condition> conditions) {
        ScaledJobStatus status = statusOf(scaledJob);
        boolean changed = KedaConditions.initializeScaledJob(status);
        for (Condition c : conditions) {
            changed |= KedaConditions.set(status, c.type(), c.status().manifestName(), c.reason(), c.message());
        }
        return changed;
    }

    /** lastActiveTime, the Paused flag and the trigger / authentication summaries KEDA shows in {@code kubectl get sj}. */
    static boolean details(ScaledJob scaledJob, Instant lastActiveTime, boolean paused) {
        ScaledJobStatus status = statusOf(scaledJob);
        List<ScaleTrigger> triggers = scaledJob.getSpec() == null || scaledJob.getSpec().getTriggers() == null
                ? List.of() : scaledJob.getSpec().getTriggers();
        String lastActive = lastActiveTime == null ? status.getLastActiveTime() : lastActiveTime.toString();
        String pausedFlag = paused ? "true" : null;
        String types = joined(triggers.stream().map(t -> t == null ? null : t.getType()).toList());
        String auths = joined(triggers.stream()
                .map(t -> t == null || t.getAuthenticationRef() == null ? null : t.getAuthenticationRef().getName()).toList());
        boolean changed = !Objects.equals(lastActive, status.getLastActiveTime())
                || !Objects.equals(pausedFlag, status.getPaused())
                || !Objects.equals(types, status.getTriggersTypes())
                || !Objects.equals(auths, status.getAuthenticationsTypes());
        status.setLastActiveTime(lastActive);
        status.setPaused(pausedFlag);
        status.setTriggersTypes(types);
        status.setAuthenticationsTypes(auths);
        return changed;
    }

    static Instant lastActiveTime(ScaledJob scaledJob) {
        String value = scaledJob.getStatus() == null ? null : scaledJob.getStatus().getLastActiveTime();
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String joined(List<String> values) {
        String s = values.stream().filter(v -> v != null && !v.isEmpty()).distinct().collect(Collectors.joining(","));
        return s.isEmpty() ? null : s;
    }
}
