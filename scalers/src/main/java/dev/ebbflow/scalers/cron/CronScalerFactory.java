package dev.ebbflow.scalers.cron;

import dev.ebbflow.scalers.MetadataMetricNames;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerFactory;
import dev.ebbflow.scalers.TriggerConfig;
import java.time.Clock;

/** Builds cron triggers, which read the clock this factory is given. */
public final class CronScalerFactory implements ScalerFactory {

    /** KEDA's metric target for cron: one replica per unit of value. */
    static final double TARGET = 1;

    private final Clock clock;

    /** The factory {@link java.util.ServiceLoader} finds: wall-clock time. */
    public CronScalerFactory() {
        this(Clock.systemUTC());
    }

    public CronScalerFactory(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String type() {
        return "cron";
    }

    @Override
    public String kedaScalerName() {
        return "cronScaler";
    }

    @Override
    public Scaler create(TriggerConfig config) throws ScalerConfigException {
        CronMetadata md = CronMetadataParser.parse(config);
        return new CronScaler(metricSpec(config, md), md, clock);
    }

    @Override
    public void close() {
    }

    /** The metric a cron trigger exposes: {@code s<index>-cron-<timezone>-<start>-<end>}, target 1. */
    public static MetricSpec metricSpec(TriggerConfig config, CronMetadata md) {
        return new MetricSpec(MetadataMetricNames.withIndex(config.index(), md.metricId()), TARGET, 0, config.metricType());
    }
}
