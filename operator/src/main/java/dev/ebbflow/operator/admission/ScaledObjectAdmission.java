package dev.ebbflow.operator.admission;

import dev.ebbflow.crds.keda.scaledobject.AdvancedConfig;
import dev.ebbflow.crds.keda.scaledobject.ScaleTargetRef;
import dev.ebbflow.crds.keda.scaledobject.ScaledObject;
import dev.ebbflow.operator.autoscaling.controller.Compilation;
import dev.ebbflow.operator.autoscaling.controller.ScaledObjectCompiler;
import dev.ebbflow.operator.autoscaling.controller.TriggerParameterResolver;
import dev.ebbflow.operator.autoscaling.core.FieldError;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Admission of a ScaledObject: the reconciler's own compilation (the spec rules, the scalingModifiers
 * formula, every trigger's metadata through the scaler registry that the scale loop builds from), plus
 * what only a cluster-wide view can tell: another autoscaler on the same workload, and for cpu and memory
 * triggers the workload's resource requests. A trigger whose
 * TriggerAuthentication, Secret or scale target is missing is a warning: the manifest may bring it next.
 */
public final class ScaledObjectAdmission {

    /** The generated HPA's name is also its {@code app.kubernetes.io/name} label value, which may have 63 characters at most. */
    static final int MAX_HPA_NAME_LENGTH = 63;

    /** What the webhook reads of the cluster: the other autoscalers of a namespace, and the scale target. */
    public interface Cluster {
        List<ScaledObject> scaledObjects(String namespace);

        List<HorizontalPodAutoscaler> horizontalPodAutoscalers(String namespace);

        /** The scale target's pod template; empty when it does not exist. */
        Optional<PodTemplateSpec> podTemplate(String namespace, ScaleTargetRef target);

        /** The webhook let {@code so} through (not on a dry run): it may be stored before a cache hears of it. */
        default void admitted(ScaledObject so) {
        }
    }

    private final ScalerRegistry registry;
    private final TriggerParameterResolver resolver;
    private final Cluster cluster;

    public ScaledObjectAdmission(ScalerRegistry registry, TriggerParameterResolver resolver, Cluster cluster) {
        this.registry = registry;
        this.resolver = resolver;
        this.cluster = cluster;
    }

    public Verdict review(ScaledObject so) {
        ResolutionWarnings resolution = new ResolutionWarnings(resolver);
        Compilation compilation = new ScaledObjectCompiler(registry, resolution).compile(so);
        if (compilation.valid()) {
            compilation.compiled().close();
        }
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (FieldError error : compilation.errors()) {
            (resolution.isResolutionFailure(error) ? warnings : denials).add(error.toString());
        }
        String hpaName = ScaledObjectCompiler.hpaName(so);
        if (hpaName.length() > MAX_HPA_NAME_LENGTH) {
            denials.add(hpaNameField(so) + ": makes the generated HPA name '" + hpaName + "' " + hpaName.length()
                    + " characters long; it is also a label value, which may have at most " + MAX_HPA_NAME_LENGTH);
        }
        String namespace = so.getMetadata().getNamespace();
        denials.addAll(ScaleTargetOwnership.conflicts(so, hpaName, cluster.scaledObjects(namespace), cluster.horizontalPodAutoscalers(namespace)));
        if (so.getSpec() != null && so.getSpec().getTriggers() != null
                && so.getSpec().getTriggers().stream().anyMatch(t -> t != null && ResourceTriggerRules.RESOURCE_TRIGGERS.contains(t.getType()))) {
            ScaleTargetRef target = so.getSpec().getScaleTargetRef();
            PodTemplateSpec template = target == null || target.getName() == null ? null : cluster.podTemplate(namespace, target).orElse(null);
            denials.addAll(ResourceTriggerRules.violations(so, template));
        }
        Integer idle = so.getSpec() == null ? null : so.getSpec().getIdleReplicaCount();
        if (idle != null && idle > 0) {
            warnings.add("spec.idleReplicaCount: only 0 works as intended; with " + idle
                    + " the HPA takes the workload back to minReplicaCount (the same limitation as KEDA's)");
        }
        return new Verdict(denials, warnings);
    }

    private static String hpaNameField(ScaledObject so) {
        AdvancedConfig advanced = so.getSpec() == null ? null : so.getSpec().getAdvanced();
        boolean named = advanced != null && advanced.getHorizontalPodAutoscalerConfig() != null
                && advanced.getHorizontalPodAutoscalerConfig().getName() != null
                && !advanced.getHorizontalPodAutoscalerConfig().getName().isBlank();
        return named ? "spec.advanced.horizontalPodAutoscalerConfig.name" : "metadata.name";
    }
}
