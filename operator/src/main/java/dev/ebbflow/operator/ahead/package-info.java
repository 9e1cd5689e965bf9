/**
 * What the scale loop tells node provisioning about pods that are about to be created, so that their
 * nodes can be launched before the pods exist. Only this interface connects the two halves: the
 * autoscaling side knows nothing of provisioning, and provisioning knows nothing of ScaledObjects
 * beyond the object it reports Events on.
 */
package dev.ebbflow.operator.ahead;
