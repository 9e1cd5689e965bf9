package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Job a ScaledJob creates: {@code spec.jobTargetRef} as its spec, named {@code <scaledjob>-<random>},
 * carrying KEDA's {@code app.kubernetes.io/*} labels, the ScaledJob's labels and annotations (as KEDA documents),
 * {@code scaledjob.keda.sh/name} on the Job and its pods and {@code scaledjob.keda.sh/generation}, with KEDA's
 * {@code restartPolicy: OnFailure} when the template sets none, and owned by the ScaledJob so that deleting the
 * ScaledJob deletes its Jobs.
 */
public final class JobTemplates {

    /** The {@code app.kubernetes.io/version} of the Jobs: the operator's build version. */
    static final String VERSION = java.util.Optional.ofNullable(JobTemplates.class.getPackage().getImplementationVersion()).orElse("dev");

    /** KEDA's default for a Job template without {@code restartPolicy} (the API server would refuse Always). */
    static final String DEFAULT_RESTART_POLICY = "OnFailure";

    private JobTemplates() {
    }

    public static Job jobFor(ScaledJob scaledJob) {
        ObjectMeta owner = scaledJob.getMetadata();
        // KEDA's labels first, then the ScaledJob's own (which KEDA lets override them), and always the name label.
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", owner.getName());
        labels.put("app.kubernetes.io/version", VERSION);
        labels.put("app.kubernetes.io/part-of", owner.getName());
        labels.put("app.kubernetes.io/managed-by", JobLabels.MANAGED_BY);
        if (owner.getLabels() != null) {
            labels.putAll(owner.getLabels());
        }
        labels.put(JobLabels.SCALED_JOB_NAME, owner.getName());
        Map<String, String> annotations = new LinkedHashMap<>();
        if (owner.getAnnotations() != null) {
            owner.getAnnotations().forEach((k, v) -> {
                if (copiedAnnotation(k)) {
                    annotations.put(k, v);
                }
            });
        }
        annotations.put(JobLabels.SCALED_JOB_GENERATION, String.valueOf(generation(scaledJob)));
        return new JobBuilder()
                .withNewMetadata()
                    .withGenerateName(owner.getName() + "-")
                    .withNamespace(owner.getNamespace())
                    .withLabels(labels)
                    .withAnnotations(annotations)
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(scaledJob.getApiVersion())
                            .withKind(scaledJob.getKind())
                            .withName(owner.getName())
                            .withUid(owner.getUid())
                            .withController(true)
                            .withBlockOwnerDeletion(true)
                            .build())
                .endMetadata()
                .withSpec(specFor(scaledJob.getSpec().getJobTargetRef(), owner.getName()))
                .build();
    }

    public static long generation(ScaledJob scaledJob) {
        Long g = scaledJob.getMetadata().getGeneration();
        return g == null ? 0 : g;
    }

    // Builders copy deeply, so the cached ScaledJob is never modified.
    private static JobSpec specFor(JobSpec target, String scaledJobName) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(target.getTemplate())
                .editOrNewMetadata().addToLabels(JobLabels.SCALED_JOB_NAME, scaledJobName).endMetadata()
                .build();
        if (template.getSpec() != null && (template.getSpec().getRestartPolicy() == null || template.getSpec().getRestartPolicy().isBlank())) {
            template.getSpec().setRestartPolicy(DEFAULT_RESTART_POLICY);
        }
        return new JobSpecBuilder(target).withTemplate(template).build();
    }

    // kubectl's copy of the whole manifest and KEDA's own control annotations are no business of a Job.
    private static boolean copiedAnnotation(String key) {
        return !key.startsWith("kubectl.kubernetes.io/") && !key.startsWith("autoscaling.keda.sh/");
    }
}
