package dev.ebbflow.operator.autoscaling.loop;

import dev.ebbflow.operator.autoscaling.controller.CompiledScaledObject;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one trigger of a ScaledObject and records what KEDA records about it: value, latency,
 * activity, errors. Shared by the scale loop and the external metrics API; a failed read becomes a
 * {@link TriggerOutcome#failure}, never an exception.
 */
public final class TriggerReader {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerReader.class);

    private final KedaMetrics metrics;
    private final LatestReadings latest;
    private final Clock clock;

    public TriggerReader(KedaMetrics metrics, LatestReadings latest, Clock clock) {
        this.metrics = metrics;
        this.latest = latest;
        this.clock = clock;
    }

    public LatestReadings latest() {
        return latest;
    }

    /**
     * Reads every trigger of {@code so}, in parallel as KEDA does, so that one slow source does not hold up the
     * others; at most {@link #PARALLEL_READS} reads run at once for the whole operator, and a single trigger is read
     * on the calling thread.
     *
     * @return one outcome per trigger, in {@code spec.triggers} order
     */
    public List<TriggerOutcome> readAll(CompiledScaledObject so) {
        int n = so.scalers().size();
        if (n == 1) {
            return List.of(read(so, 0));
        }
        List<CompletableFuture<TriggerOutcome>> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            reads.add(CompletableFuture.supplyAsync(() -> read(so, index), PARALLEL));
        }
        return reads.stream().map(CompletableFuture::join).toList();
    }

    /** How many trigger reads run at once; more wait for a free thread rather than open more connections at once. */
    static final int PARALLEL_READS = 8;

    private static final ExecutorService PARALLEL = Executors.newFixedThreadPool(PARALLEL_READS, r -> {
        Thread t = new Thread(r, "trigger-read");
        t.setDaemon(true);
        return t;
    });

    /** A poll's read of one trigger (the scale loop's, or the metrics API's when it serves the loop's cache). */
    public TriggerOutcome read(CompiledScaledObject so, int index) {
        return read(so, index, Scaler::read);
    }

    /**
     * The metrics API's live read of one trigger, for an HPA waiting on it: through the scaler's own path for waiting
     * callers ({@link Scaler#readNow()}), so it does not queue behind the scale loop's polls of the same source.
     */
    public TriggerOutcome readNow(CompiledScaledObject so, int index) {
        return read(so, index, Scaler::readNow);
    }

    private TriggerOutcome read(CompiledScaledObject so, int index, Scaler.Read read) {
        Scaler scaler = so.scalers().get(index);
        if (scaler.metricSpec().isResource()) {
            return TriggerOutcome.notPolled();
        }
        KedaMetrics.Scaler series = metrics.scalerSeries(KedaMetrics.ResourceType.SCALED_OBJECT, so.key().namespace(), so.key().name(),
                so.triggerTypes().get(index), index, scaler.metricSpec().metricName());
        long start = System.nanoTime();
        TriggerOutcome outcome;
        try {
            ScalerReading reading = read.of(scaler);
            outcome = TriggerOutcome.of(reading);
            metrics.recordScalerValue(series, reading.value());
            metrics.setScalerActive(series, reading.active());
            metrics.recordScalerSuccess(series);
        } catch (ScalerException e) {
            outcome = TriggerOutcome.failure(e.getMessage());
            metrics.recordScalerError(series);
            LOG.debug("trigger {} of ScaledObject {} failed: {}", index, so.key(), e.getMessage());
        } catch (RuntimeException e) {
            // A scaler bug is one failing trigger, not a dead scale loop.
            outcome = TriggerOutcome.failure("scaler error: " + e.getClass().getSimpleName());
            metrics.recordScalerError(series);
            LOG.warn("trigger {} of ScaledObject {} threw", index, so.key(), e);
        }
        metrics.recordScalerLatency(series, Duration.ofNanos(System.nanoTime() - start));
        Instant now = clock.instant();
        latest.put(so.key(), so.generation(), index, outcome, now);
        return outcome;
    }
}
