package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.jobs.core.TriggerSample;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalers of one ScaledJob, built from its resolved trigger configs and rebuilt only when those
 * change (so pooled connections are kept across polls), and read once per poll with KEDA's scaler metrics.
 */
final class ScaledJobTriggers implements AutoCloseable {

    /** A trigger that cannot be resolved or built; the message starts with the field's full path. */
    static final class BuildException extends Exception {
        BuildException(String message) {
            super(message);
        }
    }

    private final String namespace;
    private final String name;
    private final KedaMetrics metrics;
    private final Clock clock;
    private List<TriggerConfig> configs = List.of();
    private List<Scaler> scalers = List.of();

    ScaledJobTriggers(String namespace, String name, KedaMetrics metrics, Clock clock) {
        this.namespace = namespace;
        this.name = name;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Builds the scalers unless they already serve exactly these configs; on failure nothing is kept. */
    synchronized void sync(List<TriggerConfig> wanted, ScalerRegistry registry) throws BuildException {
        if (wanted.equals(configs)) {
            return;
        }
        close();
        List<Scaler> built = new ArrayList<>();
        for (TriggerConfig config : wanted) {
            try {
                built.add(registry.create(config));
            } catch (ScalerConfigException e) {
                built.forEach(Scaler::close);
                throw new BuildException(fieldPath(config.index(), e.field()) + ": " + e.getMessage());
            }
            if (built.get(built.size() - 1).metricSpec().isResource()) {
                // As in KEDA: the HPA reads cpu and memory, and a ScaledJob has no HPA.
                built.forEach(Scaler::close);
                throw new BuildException(fieldPath(config.index(), "type") + ": the " + config.type()
                        + " trigger only applies to ScaledObjects, not to ScaledJobs");
            }
        }
        wanted.forEach(c -> metrics.triggerRegistered(c.type()));
        configs = List.copyOf(wanted);
        scalers = List.copyOf(built);
    }

    private static String fieldPath(int index, String field) {
        return "spec.triggers[" + index + "]" + (field == null || field.isEmpty() ? "" : "." + field);
    }

    /** Reads every trigger once, in {@code spec.triggers} order. */
    synchronized List<TriggerSample> read() {
        List<TriggerSample> samples = new ArrayList<>();
        for (int i = 0; i < scalers.size(); i++) {
            Scaler scaler = scalers.get(i);
            KedaMetrics.Scaler series = metrics.scalerSeries(KedaMetrics.ResourceType.SCALED_JOB, namespace, name,
                    configs.get(i).type(), i, scaler.metricSpec().metricName());
            Instant start = clock.instant();
            TriggerOutcome outcome;
            try {
                ScalerReading reading = scaler.read();
                outcome = TriggerOutcome.of(reading);
                metrics.recordScalerValue(series, reading.value());
                metrics.setScalerActive(series, reading.active());
                metrics.recordScalerSuccess(series);
            } catch (ScalerException e) {
                outcome = TriggerOutcome.failure(e.getMessage());
                metrics.setScalerActive(series, false);
                metrics.recordScalerError(series);
            }
            metrics.recordScalerLatency(series, Duration.between(start, clock.instant()));
            double target = scaler.metricSpec().target();
            if (!(target > 0) || Double.isInfinite(target)) {
                // A Job's share of the queue must be positive; a scaler that says otherwise cannot size Jobs.
                outcome = TriggerOutcome.failure("the trigger's target value must be a positive number, got " + target);
                target = 1;
            }
            samples.add(new TriggerSample(target, outcome));
        }
        return samples;
    }

    @Override
    public synchronized void close() {
        scalers.forEach(Scaler::close);
        configs.forEach(c -> metrics.triggerUnregistered(c.type()));
        scalers = List.of();
        configs = List.of();
    }
}
