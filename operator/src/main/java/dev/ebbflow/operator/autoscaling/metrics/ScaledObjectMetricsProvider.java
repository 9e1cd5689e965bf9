package dev.ebbflow.operator.autoscaling.metrics;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledobject.ScaledObjectStatus;
import java.util.function.Consumer;

import dev.ebbflow.crds.keda.ScaleTrigger;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.controller.Compilation;
import dev.ebbflow.operator.autoscaling.controller.CompiledScaledObject;
import dev.ebbflow.operator.autoscaling.controller.ScaleTargets;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.autoscaling.controller.ScalingServices;
import dev.ebbflow.operator.autoscaling.controller.StatusConditions;
import dev.ebbflow.operator.autoscaling.core.ExternalMetrics;
import dev.ebbflow.operator.autoscaling.core.ServedMetric;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.autoscaling.hpa.GeneratedHpa;
import dev.ebbflow.operator.metricsapi.CoalescingReader;
import dev.ebbflow.operator.metricsapi.ExternalMetricValue;
import dev.ebbflow.operator.metricsapi.ExternalMetricsProvider;
import dev.ebbflow.operator.metricsapi.LabelSelector;
import dev.ebbflow.operator.metricsapi.MetricLookupException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serves the External metrics of ScaledObjects to the HPA, on every replica: finds the ScaledObject
 * from the {@code scaledobject.keda.sh/name} selector, reads its trigger through the shared scalers
 * (concurrent requests for the same trigger share one read, on the scaler's path for waiting callers so that it
 * does not queue behind the scale loop's polls; with {@code useCachedMetrics} the last reading of the polling
 * interval is served) and lets the core substitute the fallback value.
 */
public final class ScaledObjectMetricsProvider implements ExternalMetricsProvider {

    private record TriggerKey(ScaledObjectKey scaledObject, long generation, int index) {
    }

    private final ScalingServices services;
    private final ScaledObjectIndex index;
    private final Consumer<ScaledObjectKey> activeReading;
    private final CoalescingReader<TriggerKey, TriggerOutcome, RuntimeException> reads;

    public ScaledObjectMetricsProvider(ScalingServices services, ScaledObjectIndex index) {
        this(services, index, key -> { });
    }

    /**
     * @param activeReading told of a ScaledObject whose status says not Active while a reading served to the HPA is
     *     active (the scale loop polls it at once), so that Active follows the reading that scales the target instead
     *     of waiting for the next polling interval
     */
    public ScaledObjectMetricsProvider(ScalingServices services, ScaledObjectIndex index, Consumer<ScaledObjectKey> activeReading) {
        this.services = services;
        this.index = index;
        this.activeReading = activeReading;
        this.reads = new CoalescingReader<>(RuntimeException.class, this::readLive);
    }

    @Override
    public List<ExternalMetricValue> read(String namespace, String requestedName, LabelSelector selector) throws MetricLookupException {
        ScaledObject so = find(namespace, selector);
        Compilation compilation = services.compiled().get(so);
        if (!compilation.valid()) {
            throw MetricLookupException.unavailable("ScaledObject " + so.getMetadata().getName() + " is not ready: " + compilation.message(), null);
        }
        CompiledScaledObject compiled = compilation.compiled();
        List<String> served = compiled.metricNames();
        // The HPA controller asks for the name lowercased (s0-cron-etc-utc-... for s0-cron-Etc-UTC-...), so names match whatever the case.
        String metricName = served.stream().filter(n -> n.equalsIgnoreCase(requestedName)).findFirst()
                .orElseThrow(() -> MetricLookupException.notFound("ScaledObject " + so.getMetadata().getName() + " has no metric " + requestedName
                        + "; it serves " + served));
        boolean composite = compiled.spec().usesScalingModifiers();
        List<TriggerOutcome> outcomes = new ArrayList<>();
        boolean anyFailed = false;
        for (int i = 0; i < compiled.scalers().size(); i++) {
            boolean needed = composite || compiled.spec().triggers().get(i).metric().metricName().equals(metricName);
            // The core wants one outcome per trigger; only the requested one's value is served.
            TriggerOutcome outcome = needed ? outcome(so, compiled, i) : TriggerOutcome.reading(0, false);
            anyFailed |= outcome.failed();
            outcomes.add(outcome);
        }
        if (outcomes.stream().anyMatch(o -> !o.failed() && o.active()) && !KedaConditions.isTrue(
                so.getStatus() == null ? new ScaledObjectStatus() : so.getStatus(), KedaConditions.ACTIVE)) {
            activeReading.accept(compiled.key());
        }
        Map<String, dev.ebbflow.operator.autoscaling.core.HealthStatus> health =
                StatusConditions.fromStatus(so.getStatus() == null ? null : so.getStatus().getHealth());
        int currentReplicas = anyFailed && compiled.spec().fallback() != null ? currentReplicas(so) : 0;
        ServedMetric value = ExternalMetrics.values(compiled.spec(), outcomes, health, currentReplicas).stream()
                .filter(m -> m.metricName().equals(metricName)).findFirst()
                .orElseThrow(() -> MetricLookupException.notFound(metricName));
        if (value.failed()) {
            throw MetricLookupException.unavailable("metric " + metricName + " of ScaledObject " + so.getMetadata().getName()
                    + " could not be read: " + value.error(), null);
        }
        return List.of(ExternalMetricValue.of(metricName, Map.of(), services.clock().instant(), value.value()));
    }

    private ScaledObject find(String namespace, LabelSelector selector) throws MetricLookupException {
        Optional<String> name = selector.equalityValue(GeneratedHpa.SCALED_OBJECT_NAME_LABEL);
        if (name.isPresent()) {
            ScaledObject so = index.get(new ScaledObjectKey(namespace, name.get()));
            if (so == null) {
                throw MetricLookupException.notFound("no ScaledObject " + name.get() + " in namespace " + namespace);
            }
            return so;
        }
        List<ScaledObject> matching = index.inNamespace(namespace).stream()
                .filter(so -> selector.matches(so.getMetadata().getLabels() == null ? Map.of() : so.getMetadata().getLabels())).toList();
        if (matching.size() != 1) {
            throw MetricLookupException.notFound(matching.isEmpty() ? "no ScaledObject in namespace " + namespace + " matches " + selector
                    : matching.size() + " ScaledObjects match " + selector + "; the selector must name exactly one");
        }
        return matching.get(0);
    }

    private TriggerOutcome outcome(ScaledObject so, CompiledScaledObject compiled, int i) {
        ScaleTrigger trigger = so.getSpec().getTriggers().get(i);
        if (Boolean.TRUE.equals(trigger.getUseCachedMetrics())) {
            Duration maxAge = Duration.ofSeconds(compiled.spec().pollingIntervalSeconds());
            Instant now = services.clock().instant();
            Optional<TriggerOutcome> cached = services.triggerReader().latest().fresh(compiled.key(), compiled.generation(), i, maxAge, now);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        return reads.read(new TriggerKey(compiled.key(), compiled.generation(), i));
    }

    private TriggerOutcome readLive(TriggerKey key) {
        ScaledObject so = index.get(key.scaledObject());
        Compilation compilation = so == null ? null : services.compiled().get(so);
        if (compilation == null || !compilation.valid() || compilation.generation() != key.generation()) {
            return TriggerOutcome.failure("ScaledObject " + key.scaledObject() + " changed while being read");
        }
        return services.triggerReader().readNow(compilation.compiled(), key.index());
    }

    private int currentReplicas(ScaledObject so) throws MetricLookupException {
        try {
            ScaleTargets.Target target = services.scaleTargets().resolve(so.getMetadata().getNamespace(), so.getSpec().getScaleTargetRef());
            return services.scaleTargets().currentReplicas(target);
        } catch (ScaleTargets.TargetNotFoundException e) {
            throw MetricLookupException.unavailable(e.getMessage(), null);
        }
    }
}
