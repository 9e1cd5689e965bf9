/**
 * The pure decision core of KEDA-compatible ScaledJobs: plain records in and out, time passed in
 * explicitly, no server.
 * <ul>
 *   <li>{@link dev.ebbflow.operator.jobs.core.ScaledJobValidator#validate}: field-named errors, or the
 *       spec with KEDA's defaults and the pause annotation;</li>
 *   <li>{@link dev.ebbflow.operator.jobs.core.ScaledJobLoop#poll}: one poll (rollout, Jobs to create,
 *       history to delete, conditions);</li>
 *   <li>{@link dev.ebbflow.operator.jobs.core.JobScaler#decide}: the number of Jobs to create per
 *       scaling strategy and multipleScalersCalculation;</li>
 *   <li>{@link dev.ebbflow.operator.jobs.core.HistoryCleanup} and {@link dev.ebbflow.operator.jobs.core.RolloutPlan}.</li>
 * </ul>
 */
package dev.ebbflow.operator.jobs.core;
