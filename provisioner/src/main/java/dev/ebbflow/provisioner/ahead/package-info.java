/**
 * Provisioning ahead of the pods: reservations of capacity for the replicas an autoscaler is about to
 * ask for, turned into phantom pending pods for the provisioner's next batch. Pure: the cluster's pods
 * and the time come in as arguments.
 */
package dev.ebbflow.provisioner.ahead;
