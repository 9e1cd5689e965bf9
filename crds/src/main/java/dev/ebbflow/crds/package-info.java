/**
 * Ebbflow's API: the Java model of every custom resource it serves or accepts. KEDA's and
 * Karpenter's kinds keep their group, version and field names, so existing manifests apply
 * unchanged; the CRD YAML in this module's folder is generated from these classes.
 */
package dev.ebbflow.crds;
