/**
 * KEDA's TriggerAuthentication ({@code ta}) and ClusterTriggerAuthentication ({@code cta}), which
 * share one spec: Secret, ConfigMap and environment references, pod identity, and the vault
 * providers (HashiCorp Vault, Azure Key Vault, GCP Secret Manager, AWS Secrets Manager).
 */
package dev.ebbflow.crds.keda.auth;
