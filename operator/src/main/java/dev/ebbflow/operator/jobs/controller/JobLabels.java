package dev.ebbflow.operator.jobs.controller;

/** Names Ebbflow puts on the Jobs a ScaledJob creates. */
public final class JobLabels {

    /** KEDA's label on every Job (and its pods) of a ScaledJob; its value is the ScaledJob's name. */
    public static final String SCALED_JOB_NAME = "scaledjob.keda.sh/name";

    /**
     * KEDA's annotation recording the ScaledJob generation a Job was made from, so that a default
     * rollout knows which Jobs are outdated, even after a restart of the operator.
     */
    public static final String SCALED_JOB_GENERATION = "scaledjob.keda.sh/generation";

    /** The same, as Ebbflow wrote it before it wrote KEDA's: still read, so that Jobs made then are not taken for outdated. */
    static final String EARLIER_SCALED_JOB_GENERATION = "ebbflow.dev/scaledjob-generation";

    /** KEDA's standard labels on every Job: {@code app.kubernetes.io/managed-by} has this value. */
    static final String MANAGED_BY = "keda-operator";

    /** Labels the Job controller puts on a Job's pods (the older and the current spelling). */
    static final String JOB_NAME = "batch.kubernetes.io/job-name";
    static final String LEGACY_JOB_NAME = "job-name";

    private JobLabels() {
    }
}
