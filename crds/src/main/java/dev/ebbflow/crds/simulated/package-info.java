/** Ebbflow's own {@code ebbflow.dev/v1alpha1} kinds for the simulated cloud. */
package dev.ebbflow.crds.simulated;
