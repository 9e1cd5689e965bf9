package dev.ebbflow.operator.observability;

import dev.ebbflow.scalers.ScalerNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;

/**
 * KEDA's operator metrics under KEDA's names and label names, so existing dashboards and alerts work
 * unchanged: {@code keda_scaler_metrics_value}, {@code keda_scaler_metrics_latency_seconds},
 * {@code keda_scaler_active}, {@code keda_scaler_detail_errors_total}, {@code keda_scaled_object_paused},
 * {@code keda_scaled_object_errors_total}, {@code keda_scaled_job_errors_total},
 * {@code keda_internal_scale_loop_latency_seconds}, {@code keda_resource_registered_total},
 * {@code keda_trigger_registered_total}, {@code keda_build_info}.
 * Every series of a ScaledObject/ScaledJob is dropped by {@link #removeScaledObject}/{@link #removeScaledJob}.
 */
public final class KedaMetrics {
    /** Which kind of scaled resource a series belongs to: KEDA's {@code type} label. */
    public enum ResourceType {
        SCALED_OBJECT("scaledobject"), SCALED_JOB("scaledjob");

        private final String label;

        ResourceType(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Values of {@code keda_resource_registered_total}'s {@code type} label, as KEDA reports them. */
    public static final String SCALED_OBJECT_RESOURCE = "scaled_object";
    public static final String SCALED_JOB_RESOURCE = "scaled_job";
    public static final String TRIGGER_AUTHENTICATION_RESOURCE = "trigger_authentication";
    public static final String CLUSTER_TRIGGER_AUTHENTICATION_RESOURCE = "cluster_trigger_authentication";

    /** Identifies one trigger's series: labels namespace, metric, scaledObject, scaler, triggerIndex, type. */
    public record Scaler(String namespace, String scaledResource, ResourceType type, String scaler, int triggerIndex, String metric) {
        public Scaler {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(scaledResource, "scaledResource");
            Objects.requireNonNull(type, "type");
        }

        public static Scaler ofScaledObject(String namespace, String scaledObject, String scaler, int triggerIndex, String metric) {
            return new Scaler(namespace, scaledObject, ResourceType.SCALED_OBJECT, scaler, triggerIndex, metric);
        }

        List<String> labelValues() {
            return List.of(namespace, nullToEmpty(metric), scaledResource, nullToEmpty(scaler), Integer.toString(triggerIndex), type.label());
        }

        Owner owner() {
            return new Owner(namespace, scaledResource, type);
        }
    }

    private record Owner(String namespace, String name, ResourceType type) {
    }

    private record OwnedSeries(MeterFamily family, List<String> labelValues) {
    }

    private static final String[] SCALER_LABELS = {"namespace", "metric", "scaledObject", "scaler", "triggerIndex", "type"};
    private static final String RESOURCE_REGISTERED = "keda_resource_registered_total";
    private static final String TRIGGER_REGISTERED = "keda_trigger_registered_total";

    private final MeterFamily scalerValue;
    private final MeterFamily scalerLatency;
    private final MeterFamily scalerActive;
    private final MeterFamily scalerErrors;
    private final MeterFamily scaledObjectPaused;
    private final MeterFamily scaledObjectErrors;
    private final MeterFamily scaledJobErrors;
    private final MeterFamily loopLatency;
    private final ExactNameMetrics registered = new ExactNameMetrics();
    private final ConcurrentMap<Owner, Set<OwnedSeries>> seriesByOwner = new ConcurrentHashMap<>();
    private final UnaryOperator<String> scalerNames;

    /** With scaler label values derived from the trigger types ({@link ScalerNames#fromType}). */
    public KedaMetrics(PrometheusMeterRegistry registry, String version, String gitCommit) {
        this(registry, version, gitCommit, ScalerNames::fromType);
    }

    /**
     * @param version    the operator version, shown in {@code keda_build_info}
     * @param gitCommit  the commit it was built from
     * @param scalerNames trigger type to KEDA's {@code scaler} label value, e.g. {@code ScalerRegistry::kedaScalerName}
     */
    public KedaMetrics(PrometheusMeterRegistry registry, String version, String gitCommit, UnaryOperator<String> scalerNames) {
        this.scalerNames = Objects.requireNonNull(scalerNames, "scalerNames");
        scalerValue = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "keda.scaler.metrics.value",
                "The current value for each scaler's metric that would be used by the HPA in computing the target average.", null, SCALER_LABELS);
        scalerLatency = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "keda.scaler.metrics.latency",
                "The latency of retrieving current metric from each scaler, in seconds.", "seconds", SCALER_LABELS);
        scalerActive = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "keda.scaler.active",
                "Indicates whether a scaler is active (1), or not (0).", null, SCALER_LABELS);
        scalerErrors = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "keda.scaler.detail.errors",
                "The total number of errors encountered for each scaler.", null, SCALER_LABELS);
        scaledObjectPaused = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "keda.scaled.object.paused",
                "Indicates whether a ScaledObject is paused (1), or not (0).", null, "namespace", "scaledObject");
        scaledObjectErrors = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "keda.scaled.object.errors",
                "The number of errors that have occurred for each ScaledObject.", null, "namespace", "scaledObject");
        scaledJobErrors = new MeterFamily(registry, MeterFamily.Kind.COUNTER, "keda.scaled.job.errors",
                "Number of scaled job errors.", null, "namespace", "scaledJob");
        loopLatency = new MeterFamily(registry, MeterFamily.Kind.GAUGE, "keda.internal.scale.loop.latency",
                "Total deviation (in seconds) between the expected execution time and the actual execution time for the scaling loop.",
                "seconds", "namespace", "type", "resource");
        registered.declare(ExactNameMetrics.Kind.GAUGE, RESOURCE_REGISTERED,
                "Total number of KEDA custom resources per namespace for each custom resource type (CRD) registered.", "type", "namespace");
        registered.declare(ExactNameMetrics.Kind.GAUGE, TRIGGER_REGISTERED, "Total number of triggers per trigger type registered.", "type");
        registry.getPrometheusRegistry().register(registered);
        // KEDA's label names are kept for dashboards; the "go" values describe the Java runtime here.
        Gauge.builder("keda.build.info", () -> 1)
                .description("Info metric, with static information about the build like: version, git commit and runtime info.")
                .tags("version", version, "git_commit", gitCommit, "goversion", "java" + Runtime.version().feature(),
                        "goos", System.getProperty("os.name", "").toLowerCase(Locale.ROOT), "goarch", BuildInfo.architecture())
                .register(registry);
    }

    /** The series of trigger {@code triggerIndex}, of type {@code triggerType}, labelled with KEDA's name of its scaler. */
    public Scaler scalerSeries(ResourceType type, String namespace, String scaledResource, String triggerType, int triggerIndex,
            String metric) {
        return new Scaler(namespace, scaledResource, type, scalerNames.apply(triggerType), triggerIndex, metric);
    }

    public void recordScalerValue(Scaler scaler, double value) {
        scalerValue.set(own(scaler.owner(), scalerValue, scaler.labelValues()), value);
    }

    public void recordScalerLatency(Scaler scaler, Duration latency) {
        scalerLatency.set(own(scaler.owner(), scalerLatency, scaler.labelValues()), latency.toNanos() / 1e9);
    }

    public void setScalerActive(Scaler scaler, boolean active) {
        scalerActive.set(own(scaler.owner(), scalerActive, scaler.labelValues()), active ? 1 : 0);
    }

    /** A failed read of a trigger: counts for the scaler and for its ScaledObject/ScaledJob. */
    public void recordScalerError(Scaler scaler) {
        scalerErrors.increment(own(scaler.owner(), scalerErrors, scaler.labelValues()), 1);
        if (scaler.type() == ResourceType.SCALED_OBJECT) {
            recordScaledObjectError(scaler.namespace(), scaler.scaledResource());
        } else {
            recordScaledJobError(scaler.namespace(), scaler.scaledResource());
        }
    }

    /** A successful read: makes the error counters exist at zero, as KEDA does, so alerts on rate() work from the start. */
    public void recordScalerSuccess(Scaler scaler) {
        scalerErrors.touch(own(scaler.owner(), scalerErrors, scaler.labelValues()));
        if (scaler.type() == ResourceType.SCALED_OBJECT) {
            scaledObjectErrors.touch(own(scaler.owner(), scaledObjectErrors, List.of(scaler.namespace(), scaler.scaledResource())));
        } else {
            scaledJobErrors.touch(own(scaler.owner(), scaledJobErrors, List.of(scaler.namespace(), scaler.scaledResource())));
        }
    }

    public void recordScaledObjectError(String namespace, String scaledObject) {
        Owner owner = new Owner(namespace, scaledObject, ResourceType.SCALED_OBJECT);
        scaledObjectErrors.increment(own(owner, scaledObjectErrors, List.of(namespace, scaledObject)), 1);
    }

    public void recordScaledJobError(String namespace, String scaledJob) {
        Owner owner = new Owner(namespace, scaledJob, ResourceType.SCALED_JOB);
        scaledJobErrors.increment(own(owner, scaledJobErrors, List.of(namespace, scaledJob)), 1);
    }

    public void setScaledObjectPaused(String namespace, String scaledObject, boolean paused) {
        Owner owner = new Owner(namespace, scaledObject, ResourceType.SCALED_OBJECT);
        scaledObjectPaused.set(own(owner, scaledObjectPaused, List.of(namespace, scaledObject)), paused ? 1 : 0);
    }

    /** How late the scaling loop of a resource ran compared to when it was due. */
    public void recordScaleLoopLatency(String namespace, ResourceType type, String name, Duration deviation) {
        Owner owner = new Owner(namespace, name, type);
        loopLatency.set(own(owner, loopLatency, List.of(namespace, type.label(), name)), deviation.toNanos() / 1e9);
    }

    /** @param resourceType one of the {@code *_RESOURCE} constants */
    public void resourceRegistered(String resourceType, String namespace) {
        registered.add(RESOURCE_REGISTERED, List.of(resourceType, namespaceOrDefault(namespace)), 1);
    }

    public void resourceUnregistered(String resourceType, String namespace) {
        registered.add(RESOURCE_REGISTERED, List.of(resourceType, namespaceOrDefault(namespace)), -1);
    }

    /** @param triggerType the trigger's {@code type}, e.g. {@code rabbitmq} */
    public void triggerRegistered(String triggerType) {
        registered.add(TRIGGER_REGISTERED, List.of(triggerType), 1);
    }

    public void triggerUnregistered(String triggerType) {
        registered.add(TRIGGER_REGISTERED, List.of(triggerType), -1);
    }

    /** Drops every series of a deleted ScaledObject (its triggers' values, latencies, activity, errors, pause flag, loop latency). */
    public void removeScaledObject(String namespace, String scaledObject) {
        remove(new Owner(namespace, scaledObject, ResourceType.SCALED_OBJECT));
    }

    public void removeScaledJob(String namespace, String scaledJob) {
        remove(new Owner(namespace, scaledJob, ResourceType.SCALED_JOB));
    }

    /** Series currently held for ScaledObjects/ScaledJobs, to check nothing leaks. */
    public int ownedSeries() {
        return seriesByOwner.values().stream().mapToInt(Set::size).sum();
    }

    private List<String> own(Owner owner, MeterFamily family, List<String> labelValues) {
        seriesByOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(new OwnedSeries(family, labelValues));
        return labelValues;
    }

    private void remove(Owner owner) {
        Set<OwnedSeries> owned = seriesByOwner.remove(owner);
        if (owned != null) {
            owned.forEach(s -> s.family().remove(s.labelValues()));
        }
    }

    private static String namespaceOrDefault(String namespace) {
        // Cluster-scoped resources (ClusterTriggerAuthentication) are counted under "default", as KEDA does.
        return namespace == null || namespace.isEmpty() ? "default" : namespace;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
