package dev.ebbflow.operator.autoscaling.controller;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.Scaler;
import dev.ebbflow.scalers.ScalerConfigException;
import dev.ebbflow.scalers.ScalerFactory;
import dev.ebbflow.scalers.ScalerReading;
import dev.ebbflow.scalers.ScalerRegistry;
import dev.ebbflow.scalers.TriggerConfig;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code fake} trigger type for tests that need no source: metadata {@code value} is the target,
 * {@code reading} what it reads; a missing {@code value} is a config error naming {@code metadata.value}.
 */
final class FakeScalers implements ScalerFactory {

    static final KubernetesSerialization YAML = new KubernetesSerialization();

    final AtomicInteger open = new AtomicInteger();

    static ScaledObject scaledObject(String yaml) {
        ScaledObject so = YAML.unmarshal(yaml, ScaledObject.class);
        so.getMetadata().setNamespace("apps");
        so.getMetadata().setUid("uid-" + so.getMetadata().getName());
        so.getMetadata().setGeneration(1L);
        return so;
    }

    ScalerRegistry registry() {
        return new ScalerRegistry(List.of(this));
    }

    @Override
    public String type() {
        return "fake";
    }

    @Override
    public Scaler create(TriggerConfig config) throws ScalerConfigException {
        String value = config.param("value");
        if (value == null) {
            throw new ScalerConfigException("metadata.value", "is required");
        }
        double target;
        try {
            target = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ScalerConfigException("metadata.value", "must be a number, got '" + value + "'");
        }
        String id = config.metadata().getOrDefault("id", "x");
        MetricSpec spec = new MetricSpec("s" + config.index() + "-fake-" + id, target, 0, config.metricType());
        double reading = Double.parseDouble(config.metadata().getOrDefault("reading", "0"));
        open.incrementAndGet();
        return new Scaler() {
            @Override
            public MetricSpec metricSpec() {
                return spec;
            }

            @Override
            public ScalerReading read() {
                return new ScalerReading(reading, reading > 0);
            }

            @Override
            public void close() {
                open.decrementAndGet();
            }
        };
    }

    @Override
    public void close() {
    }

    static ScaledObjectCompiler compiler(FakeScalers fake) {
        return new ScaledObjectCompiler(fake.registry(), (so, i, t) -> new ResolvedTrigger(t.getMetadata(), Map.of(), null));
    }
}
