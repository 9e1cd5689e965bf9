package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import dev.ebbflow.operator.autoscaling.core.ExternalMetrics;
import dev.ebbflow.operator.autoscaling.core.HpaActiveCondition;
import dev.ebbflow.operator.autoscaling.core.PauseAnnotations;
import dev.ebbflow.operator.autoscaling.core.PauseState;
import dev.ebbflow.operator.autoscaling.core.ScaleLoop;
import dev.ebbflow.operator.autoscaling.core.ScalingModifiers;
import dev.ebbflow.operator.autoscaling.loop.ScaleLoopScheduler;
import dev.ebbflow.operator.autoscaling.loop.ScaledObjectPoller;
import dev.ebbflow.operator.kube.KedaFinalizer;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.ResourceMetric;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a ScaledObject as KEDA does: checks it (Ready=False naming the field, and a Warning
 * Event, when it is malformed), labels it, generates its HPA, writes the static part of its status and
 * registers it with the scale loop. Deleting it (behind a finalizer) removes the HPA, stops the loop,
 * closes its scalers and, with {@code restoreToOriginalReplicaCount}, restores the target.
 * Never throws: one bad ScaledObject must not hold up the others.
 *
 * <p>What a new ScaledObject costs the API server is kept to four requests: one patch puts the
 * finalizer and the label on together (so the controller runs with {@link #configure JOSDK's
 * all-events mode} and handles its finalizer itself), the HPA is created, one status write carries
 * both the static part and the first poll's conditions, and one Event says it is ready. Everything
 * else it reads (the target's replicas, TriggerAuthentications, Secrets) comes from watches.
 */
public final class ScaledObjectReconciler implements Reconciler<ScaledObject> {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledObjectReconciler.class);
    /** Retry period for what no watch event announces (a scale target created later, an API error). */
    static final Duration RECHECK = Duration.ofSeconds(10);

    private final ScalingServices services;
    private final ScaleLoopScheduler loop;
    private final ScaledObjectPoller poller;
    private final AuthDependencyWatch authWatch;
    private final java.util.concurrent.ConcurrentMap<ScaledObjectKey, List<String>> registeredTriggers = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param poller the scale loop's poll, run once here for a ScaledObject the loop does not poll yet
     * @param authWatch the watch whose caches the trigger authentication resolver reads
     */
    public ScaledObjectReconciler(ScalingServices services, ScaleLoopScheduler loop, ScaledObjectPoller poller, AuthDependencyWatch authWatch) {
        this.services = services;
        this.loop = loop;
        this.poller = Objects.requireNonNull(poller, "poller");
        this.authWatch = Objects.requireNonNull(authWatch, "authWatch");
    }

    /**
     * JOSDK's all-events mode: {@code reconcile} sees deletions too and adds and removes the finalizer itself,
     * in the same patch as the label; it also hands over an object being deleted that carries only KEDA's finalizer.
     */
    public static void configure(ControllerConfigurationOverrider<ScaledObject> c) {
        c.withTriggerReconcilerOnAllEvents(true);
    }

    @Override
    public List<EventSource<?, ScaledObject>> prepareEventSources(EventSourceContext<ScaledObject> context) {
        // Our HPAs, so that one deleted or edited behind our back is put back.
        var config = InformerEventSourceConfiguration.from(HorizontalPodAutoscaler.class, ScaledObject.class)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ScaledObject.class))
                .withLabelSelector("app.kubernetes.io/managed-by=keda-operator")
                .withNamespacesInheritedFromController()
                .build();
        List<EventSource<?, ScaledObject>> sources = new ArrayList<>(List.of(new InformerEventSource<>(config, context)));
        // Secrets, ConfigMaps and (Cluster)TriggerAuthentications the triggers read: a change rebuilds them at once.
        sources.addAll(authWatch.eventSources(context));
        return sources;
    }

    @Override
    public UpdateControl<ScaledObject> reconcile(ScaledObject so, Context<ScaledObject> context) {
        ScaledObjectKey key = ScaledObjectKey.of(so);
        try {
            return reconcile(so, key, context);
        } catch (KubernetesClientException e) {
            LOG.warn("ScaledObject {}: API request failed, retrying in {}: {}{}", key, RECHECK, e.getMessage(),
                    e.getCause() == null ? "" : " (" + e.getCause() + ")");
            services.metrics().recordScaledObjectError(key.namespace(), key.name());
            return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
        } catch (RuntimeException e) {
            LOG.error("ScaledObject {}: reconcile failed", key, e);
            services.metrics().recordScaledObjectError(key.namespace(), key.name());
            return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
        }
    }

    private UpdateControl<ScaledObject> reconcile(ScaledObject observed, ScaledObjectKey key, Context<ScaledObject> context) {
        if (context.isPrimaryResourceDeleted()) {
            forget(observed); // gone: with our finalizer cleaned up already, without it (forced) at least not polled any more
            return UpdateControl.noUpdate();
        }
        String finalizer = context.getControllerConfiguration().getFinalizerName();
        if (observed.isMarkedForDeletion()) {
            return delete(observed, finalizer);
        }
        // Continue from what the patch returned: a status write based on the older resourceVersion would only meet a 409.
        ScaledObject so = ScaledObjectMetadata.ensure(services.client(), observed, finalizer);
        if (so == null) {
            return UpdateControl.noUpdate();
        }
        ResourceID id = ResourceID.fromResource(so);
        Compilation compilation = authWatch.takeChange(id) ? services.compiled().recompile(so) : services.compiled().refresh(so);
        authWatch.dependsOn(id, compilation.dependencies());
        if (!compilation.valid()) {
            loop.unregister(key);
            notReady(so, compilation.message());
            // A missing TriggerAuthentication, Secret or target environment may appear later.
            return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
        }
        CompiledScaledObject compiled = compilation.compiled();
        PauseAnnotations.Parsed pause = PauseAnnotations.parse(so.getMetadata().getAnnotations());
        if (!pause.errors().isEmpty()) {
            loop.unregister(key);
            notReady(so, pause.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
            return UpdateControl.noUpdate();
        }
        ScaleTargets.Target target = services.scaleTargets().resolve(key.namespace(), so.getSpec().getScaleTargetRef());
        int current;
        try {
            current = services.scaleTargets().currentReplicas(target);
        } catch (ScaleTargets.TargetNotFoundException e) {
            loop.unregister(key);
            notReady(so, "spec.scaleTargetRef: " + e.getMessage());
            return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
        }
        boolean active = KedaConditions.isTrue(so.getStatus() == null ? new ScaledObjectStatus() : so.getStatus(), KedaConditions.ACTIVE);
        Optional<HorizontalPodAutoscaler> hpa = context.getSecondaryResource(HorizontalPodAutoscaler.class);
        services.hpas().apply(so, compiled.hpaName(), compiled.spec(),
                ScaleLoop.hpaPlan(compiled.spec(), pause.state(), active, current), hpa);
        Consumer<ScaledObjectStatus> staticPart = status -> {
            ready(status, so, compiled, target, current, pause.state());
            hpa.flatMap(ScaledObjectReconciler::hpaActive).ifPresent(c -> StatusConditions.set(status, c));
        };
        Duration interval = Duration.ofSeconds(compiled.spec().pollingIntervalSeconds());
        ScaledObjectStatus written;
        if (loop.isRegistered(key)) {
            written = services.statusWriter().update(so, staticPart);
            loop.register(key, interval);
        } else {
            // Not polled yet: its first poll runs here, so that one status write carries both parts.
            try {
                written = poller.pollOnce(so, compiled, staticPart);
            } catch (ScaleTargets.TargetNotFoundException e) {
                notReady(so, "spec.scaleTargetRef: " + e.getMessage());
                return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
            }
            loop.registerPolled(key, interval);
        }
        if (written != null && !wasReady(so)) {
            services.events().normal(so, ScaledObjectEvents.READY, "ScaledObject is ready for scaling");
        }
        registered(key, compiled.triggerTypes());
        return UpdateControl.noUpdate();
    }

    private static void ready(ScaledObjectStatus status, ScaledObject so, CompiledScaledObject compiled, ScaleTargets.Target target,
            int current, PauseState pause) {
        KedaConditions.initializeScaledObject(status);
        if (!pause.paused() && KedaConditions.get(status, KedaConditions.PAUSED).map(c -> KedaConditions.UNKNOWN.equals(c.getStatus())).orElse(false)) {
            StatusConditions.set(status, dev.ebbflow.operator.autoscaling.core.KedaConditions.notPausedYet());
        }
        boolean triggerError = KedaConditions.get(status, KedaConditions.READY)
                .map(c -> "TriggerError".equals(c.getReason()) || "PartialTriggerError".equals(c.getReason())).orElse(false);
        if (!triggerError) {
            StatusConditions.set(status, dev.ebbflow.operator.autoscaling.core.KedaConditions.ready());
        }
        if (status.getOriginalReplicaCount() == null) {
            status.setOriginalReplicaCount(current);
        }
        status.setScaleTargetKind(target.kindLabel());
        status.setScaleTargetGVKR(target.gvkr());
        status.setHpaName(pause.paused() ? status.getHpaName() : compiled.hpaName());
        status.setExternalMetricNames(ExternalMetrics.externalTriggers(compiled.spec()).stream().map(t -> t.metric().metricName()).toList());
        List<String> resourceNames = ExternalMetrics.resourceMetrics(compiled.spec()).stream().map(ResourceMetric::name).toList();
        status.setResourceMetricNames(resourceNames.isEmpty() ? null : resourceNames);
        status.setCompositeScalerName(compiled.spec().usesScalingModifiers() ? ScalingModifiers.COMPOSITE_METRIC_NAME : null);
        status.setTriggersTypes(String.join(",", compiled.triggerTypes()));
        String auths = so.getSpec().getTriggers().stream().map(ScaleTrigger::getAuthenticationRef).filter(Objects::nonNull)
                .map(a -> a.getName()).distinct().collect(Collectors.joining(","));
        status.setAuthenticationsTypes(auths.isEmpty() ? null : auths);
    }

    /** KEDA's HPAActive condition from the ScalingActive condition the HPA controller wrote, as the informer cache has it. */
    private static Optional<dev.ebbflow.operator.autoscaling.core.Condition> hpaActive(HorizontalPodAutoscaler hpa) {
        return Optional.ofNullable(hpa.getStatus()).map(HorizontalPodAutoscalerStatus::getConditions).orElse(List.of()).stream()
                .filter(c -> "ScalingActive".equals(c.getType())).findFirst()
                .flatMap(c -> HpaActiveCondition.of(c.getStatus(), c.getReason(), c.getMessage()));
    }

    private static boolean wasReady(ScaledObject so) {
        return so.getStatus() != null && KedaConditions.get(so.getStatus(), KedaConditions.READY)
                .map(c -> KedaConditions.TRUE.equals(c.getStatus()) && "ScaledObjectReady".equals(c.getReason())).orElse(false);
    }

    private void notReady(ScaledObject so, String message) {
        ScaledObjectStatus written = services.statusWriter().update(so, status -> {
            KedaConditions.initializeScaledObject(status);
            StatusConditions.set(status, dev.ebbflow.operator.autoscaling.core.KedaConditions.checkFailed(message));
        });
        if (written != null) {
            LOG.info("ScaledObject {}/{} is not ready: {}", so.getMetadata().getNamespace(), so.getMetadata().getName(), message);
            services.events().warning(so, ScaledObjectEvents.CHECK_FAILED, message);
            services.metrics().recordScaledObjectError(so.getMetadata().getNamespace(), so.getMetadata().getName());
        }
    }

    /**
     * Cleans up behind our finalizer, then removes it. Also takes over KEDA's: a ScaledObject migrated from KEDA
     * carries {@code finalizer.keda.sh}, which nothing else would remove once KEDA is gone; both go in one patch.
     */
    private UpdateControl<ScaledObject> delete(ScaledObject so, String finalizer) {
        if (!so.hasFinalizer(finalizer) && !KedaFinalizer.carries(so)) {
            forget(so);
            return UpdateControl.noUpdate(); // held by others' finalizers only: nothing of ours to do
        }
        if (!cleanUp(so)) {
            return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
        }
        try {
            KedaFinalizer.releaseWith(services.client(), so, finalizer);
        } catch (KubernetesClientException e) {
            LOG.warn("ScaledObject {}: could not remove its finalizers, retrying: {}", ScaledObjectKey.of(so), e.getMessage());
            return UpdateControl.<ScaledObject>noUpdate().rescheduleAfter(RECHECK);
        }
        return UpdateControl.noUpdate();
    }

    /** What this process holds for a ScaledObject: its polling, compiled triggers, readings and metrics. */
    private void forget(ScaledObject so) {
        ScaledObjectKey key = ScaledObjectKey.of(so);
        loop.unregister(key);
        authWatch.forget(ResourceID.fromResource(so));
        services.compiled().remove(key);
        services.triggerReader().latest().remove(key);
        services.metrics().removeScaledObject(key.namespace(), key.name());
        services.statusWriter().forget(key.namespace(), key.name());
        unregistered(key);
    }

    /** Everything deleting a ScaledObject takes but finalizers; false when an API call failed and it must be retried. */
    private boolean cleanUp(ScaledObject so) {
        ScaledObjectKey key = ScaledObjectKey.of(so);
        forget(so);
        try {
            String hpaName = so.getStatus() != null && so.getStatus().getHpaName() != null ? so.getStatus().getHpaName()
                    : ScaledObjectCompiler.hpaName(so);
            // No garbage collector can be relied on (the mock server has none): the HPA goes explicitly.
            services.hpas().delete(key.namespace(), hpaName);
            if (!hpaName.equals(ScaledObjectCompiler.hpaName(so))) {
                services.hpas().delete(key.namespace(), ScaledObjectCompiler.hpaName(so));
            }
            restoreOriginalReplicas(so);
        } catch (KubernetesClientException e) {
            LOG.warn("ScaledObject {}: cleanup failed, retrying: {}", key, e.getMessage());
            return false;
        }
        LOG.info("ScaledObject {} deleted", key);
        return true;
    }

    private void restoreOriginalReplicas(ScaledObject so) {
        boolean restore = so.getSpec() != null && so.getSpec().getAdvanced() != null
                && Boolean.TRUE.equals(so.getSpec().getAdvanced().getRestoreToOriginalReplicaCount());
        Integer original = so.getStatus() == null ? null : so.getStatus().getOriginalReplicaCount();
        if (!restore || original == null || so.getSpec().getScaleTargetRef() == null) {
            return;
        }
        ScaleTargets.Target target = services.scaleTargets().resolve(so.getMetadata().getNamespace(), so.getSpec().getScaleTargetRef());
        try {
            services.scaleTargets().setReplicas(target, original);
            LOG.info("ScaledObject {}/{}: restored {} to {} replicas", so.getMetadata().getNamespace(), so.getMetadata().getName(),
                    target.kindLabel(), original);
        } catch (ScaleTargets.TargetNotFoundException e) {
            LOG.info("ScaledObject {}/{}: nothing to restore: {}", so.getMetadata().getNamespace(), so.getMetadata().getName(), e.getMessage());
        }
    }

    private void registered(ScaledObjectKey key, List<String> triggerTypes) {
        List<String> before = registeredTriggers.put(key, triggerTypes);
        if (triggerTypes.equals(before)) {
            return;
        }
        if (before == null) {
            services.metrics().resourceRegistered(KedaMetrics.SCALED_OBJECT_RESOURCE, key.namespace());
        } else {
            before.forEach(services.metrics()::triggerUnregistered);
        }
        triggerTypes.forEach(services.metrics()::triggerRegistered);
    }

    private void unregistered(ScaledObjectKey key) {
        List<String> before = registeredTriggers.remove(key);
        if (before != null) {
            services.metrics().resourceUnregistered(KedaMetrics.SCALED_OBJECT_RESOURCE, key.namespace());
            before.forEach(services.metrics()::triggerUnregistered);
        }
    }
}
