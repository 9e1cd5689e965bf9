package dev.ebbflow.operator.autoscaling.loop;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import dev.ebbflow.operator.autoscaling.ahead.ProvisionAheadPlanner;
import dev.ebbflow.operator.autoscaling.controller.Compilation;
import dev.ebbflow.operator.autoscaling.controller.CompiledScaledObject;
import dev.ebbflow.operator.autoscaling.controller.ScaleTargets;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectEvents;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.autoscaling.controller.ScalingServices;
import dev.ebbflow.operator.autoscaling.controller.StatusConditions;
import dev.ebbflow.operator.autoscaling.core.Condition;
import dev.ebbflow.operator.autoscaling.core.PauseAnnotations;
import dev.ebbflow.operator.autoscaling.core.ScaleDecision;
import dev.ebbflow.operator.autoscaling.core.ScaleLoop;
import dev.ebbflow.operator.autoscaling.core.ScaleReason;
import dev.ebbflow.operator.autoscaling.core.ScalingState;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.autoscaling.core.TriggersActivity;
import dev.ebbflow.operator.observability.KedaMetrics;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one ScaledObject: reads its triggers, asks the core ({@link ScaleLoop#decide}), writes
 * /scale when the core says so, keeps the HPA in line with the core's plan, patches status only when it
 * changed, and emits KEDA's activation Events.
 */
public final class ScaledObjectPoller implements ScaleLoopScheduler.Poll {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledObjectPoller.class);

    private final ScalingServices services;
    private final ProvisionAheadPlanner ahead;

    public ScaledObjectPoller(ScalingServices services) {
        this(services, null);
    }

    /** @param ahead reports the coming replicas to node provisioning after each poll; null for none */
    public ScaledObjectPoller(ScalingServices services, ProvisionAheadPlanner ahead) {
        this.services = services;
        this.ahead = ahead;
    }

    @Override
    public void run(ScaledObjectKey key, Instant due) {
        Instant started = services.clock().instant();
        ScaledObject so = services.lookup().apply(key);
        if (so == null || so.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        Compilation compilation = services.compiled().get(so);
        if (!compilation.valid()) {
            return; // the reconciler reports why
        }
        services.metrics().recordScaleLoopLatency(key.namespace(), KedaMetrics.ResourceType.SCALED_OBJECT, key.name(),
                Duration.between(due, started).isNegative() ? Duration.ZERO : Duration.between(due, started));
        try {
            poll(so, compilation.compiled(), status -> { });
        } catch (ScaleTargets.TargetNotFoundException e) {
            services.metrics().recordScaledObjectError(key.namespace(), key.name());
            LOG.debug("ScaledObject {}: {}", key, e.getMessage());
        } catch (KubernetesClientException e) {
            services.metrics().recordScaledObjectError(key.namespace(), key.name());
            LOG.warn("ScaledObject {}: API request failed: {}", key, e.getMessage());
        }
    }

    /**
     * The first poll of a ScaledObject the loop does not poll yet, run by its reconciler: {@code alsoWrite}
     * (the reconciler's part of the status) goes into the poll's own status write, one write instead of two.
     *
     * @return the status as written, or null when nothing changed
     */
    public ScaledObjectStatus pollOnce(ScaledObject so, CompiledScaledObject compiled, Consumer<ScaledObjectStatus> alsoWrite)
            throws ScaleTargets.TargetNotFoundException {
        return poll(so, compiled, alsoWrite);
    }

    /** The one status write of a poll: {@code alsoWrite}'s changes, then the poll's. */
    private ScaledObjectStatus poll(ScaledObject so, CompiledScaledObject compiled, Consumer<ScaledObjectStatus> alsoWrite)
            throws ScaleTargets.TargetNotFoundException {
        PauseAnnotations.Parsed pause = PauseAnnotations.parse(so.getMetadata().getAnnotations());
        ScaleTargets.Target target = services.scaleTargets().resolve(so.getMetadata().getNamespace(), so.getSpec().getScaleTargetRef());
        int current = services.scaleTargets().currentReplicas(target);
        List<TriggerOutcome> outcomes = pause.state().paused() ? List.of() : services.triggerReader().readAll(compiled);
        Instant now = services.clock().instant();
        ScaleDecision decision = ScaleLoop.decide(compiled.spec(), current, outcomes, state(so), pause.state(), now);
        services.metrics().setScaledObjectPaused(compiled.key().namespace(), compiled.key().name(), pause.state().paused());
        if (decision.targetReplicas() != null) {
            scale(so, target, current, decision);
        }
        services.hpas().apply(so, compiled.hpaName(), compiled.spec(), decision.hpa(), null);
        if (ahead != null) {
            planAhead(so, compiled, target, current, outcomes, decision, now);
        }
        return services.statusWriter().update(so, status -> {
            alsoWrite.accept(status);
            decision.conditions().forEach(c -> StatusConditions.set(status, c));
            Condition ready = decision.readyHint();
            if (ready != null) {
                StatusConditions.set(status, ready);
            } else if (KedaConditions.get(status, KedaConditions.READY).map(c -> isTriggerError(c.getReason())).orElse(false)) {
                StatusConditions.set(status, dev.ebbflow.operator.autoscaling.core.KedaConditions.ready());
            }
            ScalingState next = decision.state();
            status.setLastActiveTime(next.lastActiveTime() == null ? status.getLastActiveTime() : format(next.lastActiveTime()));
            if (compiled.spec().fallback() != null) {
                // Only a fallback reads health; without one, what is there is left as is rather than rewritten.
                status.setHealth(StatusConditions.toStatus(next.health()));
            }
            status.setPausedReplicaCount(next.pausedReplicaCount());
            if (!pause.state().paused()) {
                status.setTriggersActivity(StatusConditions.toActivityStatus(TriggersActivity.of(compiled.spec(), outcomes)));
            }
        });
    }

    private void scale(ScaledObject so, ScaleTargets.Target target, int current, ScaleDecision decision) throws ScaleTargets.TargetNotFoundException {
        int to = decision.targetReplicas();
        String what = target.kindLabel() + " " + target.namespace() + "/" + target.name();
        try {
            services.scaleTargets().setReplicas(target, to);
        } catch (KubernetesClientException e) {
            if (decision.reason() == ScaleReason.ACTIVATE) {
                services.events().warning(so, ScaledObjectEvents.ACTIVATION_FAILED, "Failed to scale " + what + ": " + e.getMessage());
            } else if (decision.reason() == ScaleReason.DEACTIVATE) {
                services.events().warning(so, ScaledObjectEvents.DEACTIVATION_FAILED, "Failed to deactivate " + what + ": " + e.getMessage());
            }
            throw e;
        }
        LOG.info("ScaledObject {}/{}: scaled {} from {} to {} ({})", so.getMetadata().getNamespace(), so.getMetadata().getName(), what,
                current, to, decision.reason());
        if (decision.reason() == ScaleReason.ACTIVATE) {
            services.events().normal(so, ScaledObjectEvents.ACTIVATED, "Scaled " + what + " from " + current + " to " + to
                    + ", triggered by " + String.join(";", decision.activeTriggers()));
        } else if (decision.reason() == ScaleReason.DEACTIVATE) {
            services.events().normal(so, ScaledObjectEvents.DEACTIVATED, "Deactivated " + what + " from " + current + " to " + to);
        }
    }

    /** Provisioning ahead is a bonus: whatever goes wrong there must not fail the poll. */
    private void planAhead(ScaledObject so, CompiledScaledObject compiled, ScaleTargets.Target target, int current, List<TriggerOutcome> outcomes,
            ScaleDecision decision, Instant now) {
        try {
            ahead.afterPoll(so, compiled.spec(), services.scaleTargets(), target, current, outcomes, decision, now);
        } catch (RuntimeException e) {
            LOG.warn("ScaledObject {}: provisioning ahead skipped: {}", compiled.key(), e.toString());
        }
    }

    private static boolean isTriggerError(String reason) {
        return "TriggerError".equals(reason) || "PartialTriggerError".equals(reason);
    }

    static ScalingState state(ScaledObject so) {
        ScaledObjectStatus status = so.getStatus() == null ? new ScaledObjectStatus() : so.getStatus();
        return new ScalingState(parse(so.getMetadata().getCreationTimestamp()), parse(status.getLastActiveTime()),
                StatusConditions.fromStatus(status.getHealth()), status.getOriginalReplicaCount(), status.getPausedReplicaCount(),
                KedaConditions.isTrue(status, KedaConditions.PAUSED));
    }

    private static Instant parse(String time) {
        if (time == null || time.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String format(Instant time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }
}
