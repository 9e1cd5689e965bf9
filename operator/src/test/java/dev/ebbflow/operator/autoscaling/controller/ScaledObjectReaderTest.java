package dev.ebbflow.operator.autoscaling.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reading shared by the operator and the simulator, with a trigger binder of the test's own. */
class ScaledObjectReaderTest {

    private static final ScaledObject SO = FakeScalers.scaledObject("""
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: orders}
            spec:
              scaleTargetRef: {name: worker}
              maxReplicaCount: 4
              triggers:
                - {type: queue, name: a, metadata: {q: a}}
                - {type: queue, metricType: Value, metadata: {q: b}}
            """);

    @Test
    void eachTriggerIsBoundWhereItStandsAndItsMetricEntersTheSpec() {
        List<String> seen = new ArrayList<>();
        ScaledObjectReader.Reading<MetricSpec> r = ScaledObjectReader.read(SO, (i, trigger, type, at, errors) -> {
            seen.add(at + " " + trigger.getMetadata().get("q") + " " + type);
            return new MetricSpec("s" + i + "-queue-" + trigger.getMetadata().get("q"), 5, 0, type);
        }, m -> m);
        assertThat(r.valid()).as(r.errors().toString()).isTrue();
        assertThat(seen).containsExactly("spec.triggers[0] a AVERAGE_VALUE", "spec.triggers[1] b VALUE");
        assertThat(r.spec().triggers()).extracting(t -> t.metric().metricName()).containsExactly("s0-queue-a", "s1-queue-b");
        assertThat(r.spec().triggers().get(0).name()).isEqualTo("a");
        assertThat(r.spec().maxReplicas()).isEqualTo(4);
        assertThat(r.hpaName()).isEqualTo("keda-hpa-orders");
    }

    @Test
    void aTriggerTheBinderRefusesIsReportedAndTheSpecWideChecksStillRun() {
        ScaledObject bad = FakeScalers.scaledObject("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: orders}
                spec:
                  scaleTargetRef: {name: worker}
                  minReplicaCount: 5
                  maxReplicaCount: 2
                  triggers:
                    - {type: queue, metadata: {q: a}}
                    - {type: queue, metadata: {q: b}}
                """);
        ScaledObjectReader.Reading<MetricSpec> r = ScaledObjectReader.read(bad, (i, trigger, type, at, errors) -> {
            if (i == 0) {
                errors.add(new FieldError(at + ".metadata.q", "no such queue"));
            }
            return null;
        }, m -> m);
        assertThat(r.triggers()).isEmpty();
        assertThat(r.errors()).extracting(FieldError::field)
                .containsExactly("spec.triggers[0].metadata.q", "spec.triggers[1]", "spec.minReplicaCount");
        assertThat(r.errors().get(1).message()).isEqualTo("the queue trigger could not be read");
    }

    @Test
    void withoutSpecNothingIsBound() {
        ScaledObject none = FakeScalers.scaledObject("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata: {name: orders}\n");
        ScaledObjectReader.Reading<MetricSpec> r = ScaledObjectReader.read(none, (i, t, type, at, errors) -> {
            throw new AssertionError("no trigger to bind");
        }, m -> m);
        assertThat(r.errors()).containsExactly(new FieldError("spec", "is required"));
        assertThat(r.spec()).isNull();
    }
}
