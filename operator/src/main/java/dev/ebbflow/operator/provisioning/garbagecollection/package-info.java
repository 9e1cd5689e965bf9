/**
 * Garbage collection (leader only, periodic, over every registered cloud): leaked instances are
 * terminated and NodeClaims whose instance is gone are deleted, as
 * {@link dev.ebbflow.provisioner.garbagecollection.GarbageCollection} decides.
 */
package dev.ebbflow.operator.provisioning.garbagecollection;
