/**
 * The thin shell around {@link dev.ebbflow.operator.jobs.core}: the JOSDK reconciler of KEDA ScaledJobs
 * ({@link dev.ebbflow.operator.jobs.controller.ScaledJobReconciler}, registered with
 * {@link dev.ebbflow.operator.jobs.controller.ScaledJobController#register}), which reads Jobs and pods
 * from informer caches and triggers through the Scaler SPI, and writes Jobs, status and Events.
 */
package dev.ebbflow.operator.jobs.controller;
