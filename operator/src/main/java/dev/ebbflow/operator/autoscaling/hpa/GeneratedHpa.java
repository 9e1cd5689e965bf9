package dev.ebbflow.operator.autoscaling.hpa;

import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.core.ExternalMetrics;
import dev.ebbflow.operator.autoscaling.core.HpaPlan;
import dev.ebbflow.operator.autoscaling.core.ScalingSpec;
import dev.ebbflow.operator.autoscaling.core.TriggerSpec;
import dev.ebbflow.operator.autoscaling.core.hpa.ExternalMetricTarget;
import dev.ebbflow.operator.metricsapi.Quantities;
import dev.ebbflow.scalers.MetricTargetType;
import dev.ebbflow.scalers.ResourceMetric;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The autoscaling/v2 HorizontalPodAutoscaler a ScaledObject generates, shaped as KEDA shapes it: owned
 * by the ScaledObject, bounded by the core's {@link HpaPlan}, one External metric per trigger (or the
 * composite metric) selected by {@code scaledobject.keda.sh/name=<name>}, and a Resource metric per cpu or memory trigger.
 */
public final class GeneratedHpa {

    /** The label KEDA puts on the ScaledObject and in every metric selector of its HPA. */
    public static final String SCALED_OBJECT_NAME_LABEL = "scaledobject.keda.sh/name";

    private GeneratedHpa() {
    }

    public static HorizontalPodAutoscaler build(ScaledObject so, String hpaName, ScalingSpec spec, HpaPlan plan) {
        String name = so.getMetadata().getName();
        ScaleTargetRef target = so.getSpec().getScaleTargetRef();
        Map<String, String> labels = new LinkedHashMap<>();
        if (so.getMetadata().getLabels() != null) {
            labels.putAll(so.getMetadata().getLabels());
        }
        labels.put("app.kubernetes.io/name", hpaName);
        labels.put("app.kubernetes.io/part-of", name);
        labels.put("app.kubernetes.io/managed-by", "keda-operator");
        labels.put(SCALED_OBJECT_NAME_LABEL, name);
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata()
                    .withName(hpaName)
                    .withNamespace(so.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(so.getApiVersion())
                            .withKind(so.getKind())
                            .withName(name)
                            .withUid(so.getMetadata().getUid())
                            .withController(true)
                            .withBlockOwnerDeletion(true)
                            .build())
                .endMetadata()
                .withNewSpec()
                    .withNewScaleTargetRef(target.getApiVersion(), target.getKind(), target.getName())
                    .withMinReplicas(plan.minReplicas())
                    .withMaxReplicas(plan.maxReplicas())
                    .withBehavior(HpaBehaviors.toManifest(plan.behavior()))
                    .withMetrics(metrics(name, spec))
                .endSpec()
                .build();
    }

    /**
     * In trigger order, cpu and memory as Resource (ContainerResource with {@code containerName}) metrics the HPA reads
     * from the resource metrics API, the rest as External metrics; with scalingModifiers, the resource metrics and then
     * the composite one, as KEDA lists them.
     */
    private static List<MetricSpec> metrics(String scaledObject, ScalingSpec spec) {
        List<MetricSpec> out = new ArrayList<>();
        if (spec.usesScalingModifiers()) {
            ExternalMetrics.resourceMetrics(spec).forEach(r -> out.add(resource(r)));
            ExternalMetrics.hpaMetrics(spec).forEach(m -> out.add(external(scaledObject, m)));
            return out;
        }
        Iterator<ExternalMetricTarget> external = ExternalMetrics.hpaMetrics(spec).iterator();
        for (TriggerSpec t : spec.triggers()) {
            out.add(t.metric().isResource() ? resource(t.metric().resource()) : external(scaledObject, external.next()));
        }
        return out;
    }

    private static MetricSpec resource(ResourceMetric r) {
        MetricTarget target = new MetricTarget();
        target.setType(r.targetType().manifestName());
        if (r.averageUtilization() != null) {
            target.setAverageUtilization(r.averageUtilization());
        } else {
            target.setAverageValue(new Quantity(r.averageValue()));
        }
        if (r.containerName() != null) {
            return new MetricSpecBuilder().withType("ContainerResource")
                    .withNewContainerResource().withName(r.name()).withContainer(r.containerName()).withTarget(target).endContainerResource()
                    .build();
        }
        return new MetricSpecBuilder().withType("Resource").withNewResource().withName(r.name()).withTarget(target).endResource().build();
    }

    private static MetricSpec external(String scaledObject, ExternalMetricTarget m) {
        MetricTarget target = new MetricTarget();
        Quantity quantity = new Quantity(Quantities.formatMilli(Quantities.toMilli(m.target())));
        target.setType(m.targetType().manifestName());
        if (m.targetType() == MetricTargetType.VALUE) {
            target.setValue(quantity);
        } else {
            target.setAverageValue(quantity);
        }
        return new MetricSpecBuilder()
                .withType("External")
                .withNewExternal()
                    .withNewMetric()
                        .withName(m.metricName())
                        .withSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(SCALED_OBJECT_NAME_LABEL, scaledObject)).build())
                    .endMetric()
                    .withTarget(target)
                .endExternal()
                .build();
    }

    /** Whether {@code existing} already says what {@code desired} says (spec, labels, owner), so no write is needed. */
    public static boolean upToDate(HorizontalPodAutoscaler existing, HorizontalPodAutoscaler desired) {
        return existing != null
                && desired.getSpec().equals(existing.getSpec())
                && existing.getMetadata().getLabels() != null
                && existing.getMetadata().getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
                && desired.getMetadata().getOwnerReferences().equals(existing.getMetadata().getOwnerReferences());
    }
}
