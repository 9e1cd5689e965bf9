/**
 * The pure decision core of KEDA-compatible ScaledObject scaling: plain records in, records out, time
 * passed in explicitly, so that the reconciler, the tests and the simulator (on a virtual clock) run
 * the same code.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link dev.ebbflow.operator.autoscaling.core.ScalingSpecValidator#validate} and
 *       {@link dev.ebbflow.operator.autoscaling.core.PauseAnnotations#parse}: field-named errors;</li>
 *   <li>{@link dev.ebbflow.operator.autoscaling.core.ScaleLoop#decide}: one poll of the scale loop;</li>
 *   <li>{@link dev.ebbflow.operator.autoscaling.core.ExternalMetrics}: the HPA's metric list and the values
 *       the external metrics API serves, fallback included;</li>
 *   <li>{@link dev.ebbflow.operator.autoscaling.core.formula.ScalingFormula}: scalingModifiers formulas;</li>
 *   <li>{@link dev.ebbflow.operator.autoscaling.core.hpa.HpaController#sync}: a model of the Kubernetes HPA
 *       controller for External metrics.</li>
 * </ul>
 */
package dev.ebbflow.operator.autoscaling.core;
