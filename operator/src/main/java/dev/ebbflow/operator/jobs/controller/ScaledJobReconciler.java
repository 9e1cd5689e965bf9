package dev.ebbflow.operator.jobs.controller;

import dev.ebbflow.crds.keda.KedaConditions;
import dev.ebbflow.crds.keda.scaledjob.ScaledJob;
import dev.ebbflow.operator.autoscaling.core.Condition;
import dev.ebbflow.operator.jobs.core.JobPollPlan;
import dev.ebbflow.operator.jobs.core.JobSnapshot;
import dev.ebbflow.operator.jobs.core.JobScalingSpec;
import dev.ebbflow.operator.jobs.core.PollSchedule;
import dev.ebbflow.operator.jobs.core.RolloutStrategy;
import dev.ebbflow.operator.jobs.core.ScaledJobConditions;
import dev.ebbflow.operator.jobs.core.ScaledJobLoop;
import dev.ebbflow.operator.jobs.core.ScaledJobValidator;
import dev.ebbflow.operator.jobs.core.TriggerSample;
import dev.ebbflow.operator.autoscaling.auth.AuthDependency;
import dev.ebbflow.operator.autoscaling.auth.AuthDependencyWatch;
import dev.ebbflow.operator.autoscaling.auth.TriggerAuthResolver;
import dev.ebbflow.operator.kube.KedaFinalizer;
import dev.ebbflow.operator.kube.OrphanedKedaFinalizers;
import dev.ebbflow.operator.leadership.Leadership;
import dev.ebbflow.operator.observability.KedaMetrics;
import dev.ebbflow.scalers.ScalerRegistry;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles KEDA ScaledJobs: validates them, polls their triggers every {@code pollingInterval},
 * creates Jobs from {@code spec.jobTargetRef}, deletes outdated Jobs on a rollout and old finished
 * Jobs past the history limits, and writes KEDA's status. Every decision is {@link ScaledJobLoop}'s;
 * this class reads the informer caches and the triggers, and writes the result.
 *
 * <p>Between polls a reconcile (a Job or pod changed, a status write) only reschedules the next poll,
 * so Job churn never makes the triggers be read more often than asked.
 */
public final class ScaledJobReconciler implements Reconciler<ScaledJob>, Cleaner<ScaledJob> {

    private static final Logger LOG = LoggerFactory.getLogger(ScaledJobReconciler.class);
    private static final Duration CREATED_JOBS_TTL = Duration.ofMinutes(2);
    /** How often ScaledJobs being deleted with only KEDA's finalizer are looked for (JOSDK never hands them over). */
    private static final Duration KEDA_FINALIZER_SWEEP = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final Leadership leadership;
    private final ScalerRegistry scalers;
    private final ScaledJobTriggerConfigs triggerConfigs;
    private final AuthDependencyWatch authWatch;
    private final KedaMetrics metrics;
    private final ScaledJobEvents events;
    private final Clock clock;
    private final ConcurrentMap<ResourceID, PerScaledJob> state = new ConcurrentHashMap<>();

    private static final class PerScaledJob {
        final ScaledJobTriggers triggers;
        final CreatedJobs created = new CreatedJobs(CREATED_JOBS_TTL);
        PollSchedule lastPoll;
        String reportedProblem;

        PerScaledJob(ScaledJobTriggers triggers) {
            this.triggers = triggers;
        }
    }

    /**
     * @param scalers the operator's scaler factories (shared: connections are pooled per broker)
     * @param authWatch this controller's watch of Secrets, ConfigMaps and (Cluster)TriggerAuthentications
     * @param operatorNamespace where ClusterTriggerAuthentications read their Secrets
     */
    public ScaledJobReconciler(KubernetesClient client, ScalerRegistry scalers, AuthDependencyWatch authWatch, String operatorNamespace,
            KedaMetrics metrics, Clock clock, Leadership leadership) {
        this.leadership = leadership;
        this.client = client;
        this.scalers = scalers;
        this.authWatch = authWatch;
        this.triggerConfigs = new ScaledJobTriggerConfigs(new TriggerAuthResolver(authWatch.clusterState(), operatorNamespace));
        this.metrics = metrics;
        this.events = new ScaledJobEvents(client, clock);
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ScaledJob>> prepareEventSources(EventSourceContext<ScaledJob> context) {
        List<EventSource<?, ScaledJob>> sources = new ArrayList<>(authWatch.eventSources(context));
        sources.addAll(List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, ScaledJob.class)
                        .withName("scaledjob-jobs")
                        .withLabelSelector(JobLabels.SCALED_JOB_NAME)
                        .withSecondaryToPrimaryMapper(byScaledJobLabel())
                        .build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ScaledJob.class)
                        .withName("scaledjob-pods")
                        .withLabelSelector(JobLabels.SCALED_JOB_NAME)
                        .withSecondaryToPrimaryMapper(byScaledJobLabel())
                        .build(), context)));
        sources.add(new OrphanedKedaFinalizers<>(context, leadership, this::cleanUp, sj -> KedaFinalizer.release(client, sj), KEDA_FINALIZER_SWEEP));
        return sources;
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> SecondaryToPrimaryMapper<R> byScaledJobLabel() {
        return r -> {
            Map<String, String> labels = r.getMetadata().getLabels();
            String name = labels == null ? null : labels.get(JobLabels.SCALED_JOB_NAME);
            return name == null ? Set.of() : Set.of(new ResourceID(name, r.getMetadata().getNamespace()));
        };
    }

    /**
     * Never throws: a failing API call or a bug met by one ScaledJob is counted, logged and retried at
     * the next polling interval, and must neither stop its polls (JOSDK gives up retrying after a few
     * attempts) nor hold up the other ScaledJobs.
     */
    @Override
    public UpdateControl<ScaledJob> reconcile(ScaledJob scaledJob, Context<ScaledJob> context) {
        try {
            return reconcileOrThrow(scaledJob, context);
        } catch (RuntimeException e) {
            String ns = scaledJob.getMetadata().getNamespace();
            String name = scaledJob.getMetadata().getName();
            if (e instanceof KubernetesClientException) {
                LOG.warn("ScaledJob {}/{}: API request failed, retrying: {}", ns, name, e.getMessage());
            } else {
                LOG.error("ScaledJob {}/{}: reconcile failed, retrying", ns, name, e);
            }
            metrics.recordScaledJobError(ns, name);
            return UpdateControl.<ScaledJob>noUpdate().rescheduleAfter(Duration.ofSeconds(pollingIntervalOrDefault(scaledJob)));
        }
    }

    private UpdateControl<ScaledJob> reconcileOrThrow(ScaledJob scaledJob, Context<ScaledJob> context) {
        Instant now = clock.instant();
        PerScaledJob sj = state.computeIfAbsent(ResourceID.fromResource(scaledJob), id -> {
            metrics.resourceRegistered(KedaMetrics.SCALED_JOB_RESOURCE, id.getNamespace().orElse(null));
            return new PerScaledJob(new ScaledJobTriggers(id.getNamespace().orElse(""), id.getName(), metrics, clock));
        });
        ScaledJobValidator.Result validated = ScaledJobValidator.validate(scaledJob.getSpec(), scaledJob.getMetadata().getAnnotations());
        int interval = validated.valid() ? validated.spec().pollingIntervalSeconds() : pollingIntervalOrDefault(scaledJob);
        if (!validated.valid()) {
            return rejected(scaledJob, sj, validated.message(), interval);
        }
        long generation = JobTemplates.generation(scaledJob);
        if (authWatch.takeChange(ResourceID.fromResource(scaledJob))) {
            // A Secret or TriggerAuthentication the triggers read changed: resolve and poll now, not at the next interval.
            sj.lastPoll = null;
        }
        Duration untilDue = PollSchedule.untilDue(sj.lastPoll, generation, validated.paused(), interval, now);
        boolean changed = false;
        if (untilDue.isZero() || untilDue.isNegative()) {
            // Triggers are resolved (Secrets read) and their scalers rebuilt only when a poll is due.
            if (validated.paused()) {
                sj.triggers.close();
            } else {
                Set<AuthDependency> reads = new HashSet<>();
                try {
                    sj.triggers.sync(triggerConfigs.resolve(scaledJob, reads), scalers);
                } catch (ScaledJobTriggers.BuildException e) {
                    return rejected(scaledJob, sj, e.getMessage(), interval);
                } finally {
                    authWatch.dependsOn(ResourceID.fromResource(scaledJob), reads);
                }
            }
            changed = poll(scaledJob, context, sj, validated, generation, now);
            untilDue = Duration.ofSeconds(interval);
        }
        if (sj.reportedProblem != null) {
            sj.reportedProblem = null;
            events.normal(scaledJob, ScaledJobEvents.READY, "ScaledJob is defined correctly and is ready to scaling");
        }
        UpdateControl<ScaledJob> control = changed ? UpdateControl.patchStatus(scaledJob) : UpdateControl.noUpdate();
        return control.rescheduleAfter(untilDue);
    }

    private boolean poll(ScaledJob scaledJob, Context<ScaledJob> context, PerScaledJob sj, ScaledJobValidator.Result validated,
            long generation, Instant now) {
        List<TriggerSample> samples = validated.paused() ? List.of() : sj.triggers.read();
        List<JobSnapshot> jobs = sj.created.withUnseen(JobSnapshots.of(scaledJob,
                context.getSecondaryResources(Job.class), context.getSecondaryResources(Pod.class), now), now);
        JobPollPlan plan = ScaledJobLoop.poll(validated.spec(), validated.paused(), generation, samples, jobs,
                ScaledJobStatusUpdate.lastActiveTime(scaledJob), now);
        sj.created.forget(plan.rollout().jobsToDelete());
        delete(scaledJob, plan.rollout().jobsToDelete(), propagation(plan.rollout().propagationPolicy()));
        delete(scaledJob, plan.historyToDelete(), DeletionPropagation.BACKGROUND);
        create(scaledJob, sj, plan.jobsToCreate(), generation, now);
        sj.lastPoll = new PollSchedule(now, generation, validated.paused());
        warnOnNewTriggerError(scaledJob, plan.conditions());
        boolean changed = ScaledJobStatusUpdate.conditions(scaledJob, plan.conditions());
        changed |= ScaledJobStatusUpdate.details(scaledJob, plan.lastActiveTime(), validated.paused());
        return changed;
    }

    /** One Warning Event when the triggers stop answering, not one per poll while they stay down. */
    private void warnOnNewTriggerError(ScaledJob scaledJob, List<Condition> conditions) {
        Condition ready = conditions.stream().filter(c -> KedaConditions.READY.equals(c.type())).findFirst().orElse(null);
        if (ready == null || ready.status() != Condition.Status.FALSE) {
            return;
        }
        String before = scaledJob.getStatus() == null ? null
                : KedaConditions.get(scaledJob.getStatus(), KedaConditions.READY).map(c -> c.getReason()).orElse(null);
        if (!ready.reason().equals(before)) {
            events.warning(scaledJob, ScaledJobEvents.SCALER_FAILED, ready.message());
        }
    }

    private void create(ScaledJob scaledJob, PerScaledJob sj, int count, long generation, Instant now) {
        int created = 0;
        for (int i = 0; i < count; i++) {
            try {
                Job job = client.batch().v1().jobs().inNamespace(scaledJob.getMetadata().getNamespace())
                        .resource(JobTemplates.jobFor(scaledJob)).create();
                sj.created.add(job.getMetadata().getName(), generation, now);
                created++;
            } catch (KubernetesClientException e) {
                // Quota, admission or API trouble: try again at the next poll, which recounts.
                metrics.recordScaledJobError(scaledJob.getMetadata().getNamespace(), scaledJob.getMetadata().getName());
                events.warning(scaledJob, "KEDAJobCreateFailed", "Failed to create a Job: " + e.getMessage());
                break;
            }
        }
        if (created > 0) {
            events.normal(scaledJob, ScaledJobEvents.JOBS_CREATED, "Created " + created + " jobs");
        }
    }

    private static DeletionPropagation propagation(RolloutStrategy.PropagationPolicy policy) {
        return policy == RolloutStrategy.PropagationPolicy.FOREGROUND ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND;
    }

    private void delete(ScaledJob scaledJob, List<String> names, DeletionPropagation propagationPolicy) {
        for (String name : names) {
            try {
                client.batch().v1().jobs().inNamespace(scaledJob.getMetadata().getNamespace()).withName(name)
                        .withPropagationPolicy(propagationPolicy)
                        .delete();
            } catch (KubernetesClientException e) {
                LOG.warn("could not delete Job {}/{}: {}", scaledJob.getMetadata().getNamespace(), name, e.getMessage());
            }
        }
    }

    /**
     * A ScaledJob that cannot work as written: Ready=False naming the field, one Warning Event and one
     * counted error per distinct problem, no trigger read and no Job touched. Checked again after a
     * polling interval, since what it refers to (a TriggerAuthentication, a Secret) may appear meanwhile.
     */
    private UpdateControl<ScaledJob> rejected(ScaledJob scaledJob, PerScaledJob sj, String message, int intervalSeconds) {
        sj.triggers.close();
        sj.lastPoll = null;
        if (!message.equals(sj.reportedProblem)) {
            sj.reportedProblem = message;
            metrics.recordScaledJobError(scaledJob.getMetadata().getNamespace(), scaledJob.getMetadata().getName());
            events.warning(scaledJob, ScaledJobEvents.CHECK_FAILED, message);
            LOG.info("ScaledJob {}/{} rejected: {}", scaledJob.getMetadata().getNamespace(), scaledJob.getMetadata().getName(), message);
        }
        List<Condition> conditions = List.of(ScaledJobConditions.checkFailed(message), ScaledJobConditions.notActive());
        boolean changed = ScaledJobStatusUpdate.conditions(scaledJob, conditions);
        UpdateControl<ScaledJob> control = changed ? UpdateControl.patchStatus(scaledJob) : UpdateControl.noUpdate();
        return control.rescheduleAfter(Duration.ofSeconds(intervalSeconds));
    }

    private static int pollingIntervalOrDefault(ScaledJob scaledJob) {
        Integer p = scaledJob.getSpec() == null ? null : scaledJob.getSpec().getPollingInterval();
        return p == null || p <= 0 ? JobScalingSpec.DEFAULT_POLLING_INTERVAL_SECONDS : p;
    }

    /** Also takes over KEDA's finalizer, which a ScaledJob migrated from KEDA carries and nothing else would remove. */
    @Override
    public DeleteControl cleanup(ScaledJob scaledJob, Context<ScaledJob> context) {
        cleanUp(scaledJob);
        if (!KedaFinalizer.carries(scaledJob)) {
            return DeleteControl.defaultDelete();
        }
        try {
            KedaFinalizer.releaseWith(client, scaledJob, context.getControllerConfiguration().getFinalizerName());
        } catch (KubernetesClientException e) {
            LOG.warn("ScaledJob {}/{}: could not remove {}, retrying: {}", scaledJob.getMetadata().getNamespace(),
                    scaledJob.getMetadata().getName(), KedaFinalizer.NAME, e.getMessage());
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(Duration.ofSeconds(pollingIntervalOrDefault(scaledJob)));
        }
        return DeleteControl.noFinalizerRemoval();
    }

    /** Stops polling and forgets the ScaledJob: everything deleting it takes but finalizers. */
    private boolean cleanUp(ScaledJob scaledJob) {
        authWatch.forget(ResourceID.fromResource(scaledJob));
        PerScaledJob sj = state.remove(ResourceID.fromResource(scaledJob));
        if (sj != null) {
            sj.triggers.close();
            metrics.resourceUnregistered(KedaMetrics.SCALED_JOB_RESOURCE, scaledJob.getMetadata().getNamespace());
        }
        metrics.removeScaledJob(scaledJob.getMetadata().getNamespace(), scaledJob.getMetadata().getName());
        return true;
    }
}
