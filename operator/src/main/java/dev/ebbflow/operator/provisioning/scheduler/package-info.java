/**
 * The simulated cluster's kube-scheduler, for tests and the simulator: it binds pending pods with the
 * scheduling core's rules through the {@link dev.ebbflow.operator.provisioning.scheduler.PodBinder}
 * seam and marks the pods it cannot place Unschedulable. Never registered in a real cluster, which has
 * its own scheduler.
 */
package dev.ebbflow.operator.provisioning.scheduler;
