package dev.ebbflow.scalers.cron;

import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerReading;
import java.time.Clock;

/** The cron trigger ({@link CronMetadata#readingAt}): reads no source, only the clock. */
final class CronScaler implements Scaler {

    private final MetricSpec metricSpec;
    private final CronMetadata metadata;
    private final Clock clock;

    CronScaler(MetricSpec metricSpec, CronMetadata metadata, Clock clock) {
        this.metricSpec = metricSpec;
        this.metadata = metadata;
        this.clock = clock;
    }

    @Override
    public MetricSpec metricSpec() {
        return metricSpec;
    }

    @Override
    public ScalerReading read() {
        return metadata.readingAt(clock.instant());
    }

    @Override
    public void close() {
    }
}
