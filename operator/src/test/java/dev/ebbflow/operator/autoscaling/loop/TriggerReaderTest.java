package dev.ebbflow.operator.autoscaling.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.autoscaling.controller.CompiledScaledObject;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectKey;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.TriggerOutcome;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerException;
import dev.ebbflow.scalers.ScalerReading;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TriggerReaderTest {

    private static final Duration SLOW = Duration.ofMillis(400);

    private final TriggerReader reader = new TriggerReader(new KedaMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "t", "t"),
            new LatestReadings(), Clock.systemUTC());
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    /** A source that takes {@link #SLOW} to answer {@code value}, or fails when value is negative. */
    private Scaler slow(int index, double value) {
        return new Scaler() {
            @Override
            public MetricSpec metricSpec() {
                return new MetricSpec("s" + index + "-slow", 1, 0, MetricTargetType.AVERAGE_VALUE);
            }

            @Override
            public ScalerReading read() throws ScalerException {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(SLOW.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
                if (value < 0) {
                    throw new ScalerException("source down");
                }
                return new ScalerReading(value, value > 0);
            }

            @Override
            public void close() {
            }
        };
    }

    private CompiledScaledObject withTriggers(int count) {
        List<Scaler> scalers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            scalers.add(slow(i, i == 1 ? -1 : i));
        }
        ScalingSpec spec = new ScalingSpec(null, null, null, null, null, null, null, null, null, List.of());
        return new CompiledScaledObject(new ScaledObjectKey("apps", "so"), 1, spec, scalers, scalers.stream().map(s -> "slow").toList(), "keda-hpa-so");
    }

    @Test
    void triggersOfOneScaledObjectAreReadInParallelAndKeepTheirOrder() {
        long start = System.nanoTime();
        List<TriggerOutcome> outcomes = reader.readAll(withTriggers(3));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcomes).extracting(TriggerOutcome::value).containsExactly(0.0, Double.NaN, 2.0);
        assertThat(outcomes.get(1).error()).isEqualTo("source down");
        assertThat(took).isLessThan(SLOW.multipliedBy(2));
        assertThat(mostAtOnce.get()).isEqualTo(3);
    }

    @Test
    void parallelReadsAreBounded() {
        reader.readAll(withTriggers(TriggerReader.PARALLEL_READS + 4));
        assertThat(mostAtOnce.get()).isEqualTo(TriggerReader.PARALLEL_READS);
    }

    /** A scaler whose polls read 1 and whose live reads read 2, as if through two connections. */
    private static Scaler twoPaths() {
        return new Scaler() {
            @Override
            public MetricSpec metricSpec() {
                return new MetricSpec("s0-paths", 1, 0, MetricTargetType.AVERAGE_VALUE);
            }

            @Override
            public ScalerReading read() {
                return new ScalerReading(1, true);
            }

            @Override
            public ScalerReading readNow() {
                return new ScalerReading(2, true);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aLiveReadGoesThroughTheScalersLivePathAndIsKeptAsTheLatestReading() {
        List<Scaler> scalers = List.of(twoPaths());
        ScalingSpec spec = new ScalingSpec(null, null, null, null, null, null, null, null, null, List.of());
        ScaledObjectKey key = new ScaledObjectKey("apps", "so");
        CompiledScaledObject so = new CompiledScaledObject(key, 1, spec, scalers, List.of("paths"), "keda-hpa-so");

        assertThat(reader.read(so, 0).value()).isEqualTo(1);
        assertThat(reader.readNow(so, 0).value()).isEqualTo(2);
        assertThat(reader.latest().fresh(key, 1, 0, Duration.ofMinutes(1), java.time.Instant.now()))
                .hasValueSatisfying(o -> assertThat(o.value()).isEqualTo(2));
    }
}
