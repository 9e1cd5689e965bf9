/**
 * Garbage collection's decision, pure and clock-free: which instances are leaked and which NodeClaims
 * lost their instance. The operator lists the clouds, reads the claims and carries the plan out.
 */
package dev.ebbflow.provisioner.garbagecollection;
