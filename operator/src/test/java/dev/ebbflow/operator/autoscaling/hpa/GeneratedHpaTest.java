package dev.ebbflow.operator.autoscaling.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.core.PauseState;
import dev.ebbflow.operator.autoscaling.core.ScaleLoop;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.TriggerSpec;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.scalers.MetricSpec;
import dev.ebbflow.scalers.MetricTargetType;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedHpaTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static ScaledObject so() {
        ScaledObject so = YAML.unmarshal("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata:
                  name: orders
                  namespace: apps
                  uid: u-1
                  labels: {team: payments}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: worker}
                  triggers: [{type: fake, metadata: {}}]
                """, ScaledObject.class);
        return so;
    }

    private static ScalingSpec spec(Integer min, Integer max, HorizontalPodAutoscalerBehavior behavior,
            dev.ebbflow.operator.autoscaling.core.ScalingModifiers modifiers, List<TriggerSpec> triggers) {
        List<FieldError> errors = new ArrayList<>();
        var core = HpaBehaviors.toCore(behavior, "b", errors);
        assertThat(errors).isEmpty();
        return new ScalingSpec(null, null, null, null, min, max, null, modifiers, core, triggers);
    }

    private static TriggerSpec trigger(int i, String name, double target, MetricTargetType type) {
        return new TriggerSpec("fake", name, new MetricSpec("s" + i + "-fake-" + i, target, 0, type));
    }

    @Test
    void oneExternalMetricPerTriggerWithKedasSelectorTargetsAndBounds() {
        ScalingSpec spec = spec(0, 8, null, null,
                List.of(trigger(0, null, 2.5, MetricTargetType.AVERAGE_VALUE), trigger(1, null, 10, MetricTargetType.VALUE)));
        HorizontalPodAutoscaler hpa = GeneratedHpa.build(so(), "keda-hpa-orders", spec, ScaleLoop.hpaPlan(spec, PauseState.NONE, false, 0));

        assertThat(hpa.getMetadata().getName()).isEqualTo("keda-hpa-orders");
        assertThat(hpa.getMetadata().getLabels()).containsEntry("scaledobject.keda.sh/name", "orders").containsEntry("team", "payments");
        assertThat(hpa.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo("u-1");
            assertThat(o.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        });
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("StatefulSet");
        assertThat(hpa.getSpec().getMinReplicas()).as("max(min, 1)").isEqualTo(1);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
        var first = hpa.getSpec().getMetrics().get(0).getExternal();
        assertThat(first.getMetric().getName()).isEqualTo("s0-fake-0");
        assertThat(first.getMetric().getSelector().getMatchLabels()).containsEntry("scaledobject.keda.sh/name", "orders");
        assertThat(first.getTarget().getType()).isEqualTo("AverageValue");
        assertThat(first.getTarget().getAverageValue().toString()).isEqualTo("2500m");
        var second = hpa.getSpec().getMetrics().get(1).getExternal();
        assertThat(second.getTarget().getType()).isEqualTo("Value");
        assertThat(second.getTarget().getValue().toString()).isEqualTo("10");
        assertThat(second.getTarget().getAverageValue()).isNull();
    }

    @Test
    void scalingModifiersReplaceTheTriggersWithTheCompositeMetric() {
        ScalingSpec spec = spec(2, 10, null, new dev.ebbflow.operator.autoscaling.core.ScalingModifiers("a + b", "4", null, "Value"),
                List.of(trigger(0, "a", 1, MetricTargetType.AVERAGE_VALUE), trigger(1, "b", 1, MetricTargetType.AVERAGE_VALUE)));
        HorizontalPodAutoscaler hpa = GeneratedHpa.build(so(), "h", spec, ScaleLoop.hpaPlan(spec, PauseState.NONE, true, 2));
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(m -> {
            assertThat(m.getExternal().getMetric().getName()).isEqualTo("composite-metric");
            assertThat(m.getExternal().getTarget().getType()).isEqualTo("Value");
            assertThat(m.getExternal().getTarget().getValue().toString()).isEqualTo("4");
        });
    }

    @Test
    void theBehaviorIsCopiedAndPausedScaleOutDisablesScaleUp() {
        HorizontalPodAutoscalerBehavior behavior = YAML.unmarshal("""
                scaleDown:
                  stabilizationWindowSeconds: 60
                  policies: [{type: Pods, value: 2, periodSeconds: 30}]
                """, HorizontalPodAutoscalerBehavior.class);
        ScalingSpec spec = spec(1, 5, behavior, null, List.of(trigger(0, null, 1, MetricTargetType.AVERAGE_VALUE)));

        HorizontalPodAutoscaler plain = GeneratedHpa.build(so(), "h", spec, ScaleLoop.hpaPlan(spec, PauseState.NONE, true, 1));
        assertThat(plain.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(plain.getSpec().getBehavior().getScaleDown().getPolicies()).singleElement()
                .satisfies(p -> assertThat(p.getType() + p.getValue() + "/" + p.getPeriodSeconds()).isEqualTo("Pods2/30"));
        assertThat(plain.getSpec().getBehavior().getScaleUp()).isNull();

        HorizontalPodAutoscaler paused = GeneratedHpa.build(so(), "h", spec,
                ScaleLoop.hpaPlan(spec, new PauseState(false, null, false, true), true, 1));
        assertThat(paused.getSpec().getBehavior().getScaleUp().getSelectPolicy()).isEqualTo("Disabled");
        assertThat(paused.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(60);
    }

    @Test
    void upToDateIgnoresForeignLabelsButNotSpecChanges() {
        ScalingSpec spec = spec(1, 5, null, null, List.of(trigger(0, null, 1, MetricTargetType.AVERAGE_VALUE)));
        HorizontalPodAutoscaler desired = GeneratedHpa.build(so(), "h", spec, ScaleLoop.hpaPlan(spec, PauseState.NONE, true, 1));
        HorizontalPodAutoscaler existing = YAML.clone(desired);
        existing.getMetadata().getLabels().put("someone-else", "x");
        assertThat(GeneratedHpa.upToDate(existing, desired)).isTrue();
        existing.getSpec().setMaxReplicas(6);
        assertThat(GeneratedHpa.upToDate(existing, desired)).isFalse();
        assertThat(GeneratedHpa.upToDate(null, desired)).isFalse();
    }

    private static TriggerSpec resource(String name, String container, Integer utilization, String averageValue) {
        var r = new dev.ebbflow.scalers.ResourceMetric(name, container, utilization, averageValue);
        return new TriggerSpec(name, null, new MetricSpec(name, utilization == null ? 0 : utilization, 0, r.targetType(), r));
    }

    @Test
    void cpuAndMemoryBecomeResourceMetricsInTriggerOrder() {
        ScalingSpec spec = spec(0, 8, null, null, List.of(resource("cpu", null, 60, null),
                trigger(1, null, 5, MetricTargetType.AVERAGE_VALUE), resource("memory", "app", null, "512Mi")));
        HorizontalPodAutoscaler hpa = GeneratedHpa.build(so(), "keda-hpa-orders", spec, ScaleLoop.hpaPlan(spec, PauseState.NONE, false, 0));
        var metrics = hpa.getSpec().getMetrics();
        assertThat(metrics).extracting(m -> m.getType()).containsExactly("Resource", "External", "ContainerResource");
        assertThat(metrics.get(0).getResource().getName()).isEqualTo("cpu");
        assertThat(metrics.get(0).getResource().getTarget().getType()).isEqualTo("Utilization");
        assertThat(metrics.get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(60);
        assertThat(metrics.get(1).getExternal().getMetric().getName()).isEqualTo("s1-fake-1");
        assertThat(metrics.get(2).getContainerResource().getName()).isEqualTo("memory");
        assertThat(metrics.get(2).getContainerResource().getContainer()).isEqualTo("app");
        assertThat(metrics.get(2).getContainerResource().getTarget().getType()).isEqualTo("AverageValue");
        assertThat(metrics.get(2).getContainerResource().getTarget().getAverageValue().toString()).isEqualTo("512Mi");
    }

    @Test
    void withScalingModifiersResourceMetricsStayBesideTheCompositeMetric() {
        ScalingSpec spec = spec(0, 8, null, new dev.ebbflow.operator.autoscaling.core.ScalingModifiers("q", "5", null, null),
                List.of(resource("cpu", null, 60, null), trigger(1, "q", 5, MetricTargetType.AVERAGE_VALUE)));
        HorizontalPodAutoscaler hpa = GeneratedHpa.build(so(), "keda-hpa-orders", spec, ScaleLoop.hpaPlan(spec, PauseState.NONE, false, 0));
        assertThat(hpa.getSpec().getMetrics()).extracting(m -> m.getType()).containsExactly("Resource", "External");
        assertThat(hpa.getSpec().getMetrics().get(1).getExternal().getMetric().getName()).isEqualTo("composite-metric");
    }
}
