package dev.ebbflow.operator.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * How one operator process runs, as the command line (and so the Helm chart) sets it.
 *
 * @param watchNamespaces namespaces whose ScaledObjects, ScaledJobs and TriggerAuthentications are
 *     watched; empty means all namespaces
 * @param leaseName the leader-election Lease; reconcilers run on its holder only
 * @param leaseNamespace where the Lease lives (the operator's own namespace)
 * @param operatorNamespace where ClusterTriggerAuthentications read their Secrets and ConfigMaps
 */
public record OperatorSettings(
        Set<String> watchNamespaces,
        double kubeApiQps,
        int kubeApiBurst,
        String logLevel,
        boolean leaderElection,
        String leaseName,
        String leaseNamespace,
        String operatorNamespace,
        int metricsPort,
        int metricsApiPort,
        Optional<Path> tlsCertFile,
        Optional<Path> tlsPrivateKeyFile,
        Optional<Path> requestHeaderClientCaFile,
        Set<String> requestHeaderAllowedNames) {

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
        requestHeaderAllowedNames = Set.copyOf(requestHeaderAllowedNames);
    }

    public boolean watchesAllNamespaces() {
        return watchNamespaces.isEmpty();
    }
}
