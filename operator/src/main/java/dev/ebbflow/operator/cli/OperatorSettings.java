package dev.ebbflow.operator.cli;

import dev.ebbflow.operator.leadership.LeaseElection;
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
 * @param metricsApiDelegatedAuthorization whether the external metrics API authorizes each caller with
 *     SubjectAccessReviews (as aggregated API servers do) instead of admitting whatever the front proxy sends
 * @param leaseTiming how long the Lease lasts, how long the leader keeps trying to renew it, how often replicas try
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
        Set<String> requestHeaderAllowedNames,
        boolean metricsApiDelegatedAuthorization,
        LeaseElection.Timing leaseTiming) {

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
        requestHeaderAllowedNames = Set.copyOf(requestHeaderAllowedNames);
    }

    /** Settings with client-go's Lease timing. */
    public OperatorSettings(Set<String> watchNamespaces, double kubeApiQps, int kubeApiBurst, String logLevel, boolean leaderElection,
            String leaseName, String leaseNamespace, String operatorNamespace, int metricsPort, int metricsApiPort,
            Optional<Path> tlsCertFile, Optional<Path> tlsPrivateKeyFile, Optional<Path> requestHeaderClientCaFile,
            Set<String> requestHeaderAllowedNames, boolean metricsApiDelegatedAuthorization) {
        this(watchNamespaces, kubeApiQps, kubeApiBurst, logLevel, leaderElection, leaseName, leaseNamespace, operatorNamespace, metricsPort,
                metricsApiPort, tlsCertFile, tlsPrivateKeyFile, requestHeaderClientCaFile, requestHeaderAllowedNames,
                metricsApiDelegatedAuthorization, LeaseElection.Timing.DEFAULTS);
    }

    /** Settings with delegated authorization of the metrics API on, as in a cluster. */
    public OperatorSettings(Set<String> watchNamespaces, double kubeApiQps, int kubeApiBurst, String logLevel, boolean leaderElection,
            String leaseName, String leaseNamespace, String operatorNamespace, int metricsPort, int metricsApiPort,
            Optional<Path> tlsCertFile, Optional<Path> tlsPrivateKeyFile, Optional<Path> requestHeaderClientCaFile,
            Set<String> requestHeaderAllowedNames) {
        this(watchNamespaces, kubeApiQps, kubeApiBurst, logLevel, leaderElection, leaseName, leaseNamespace, operatorNamespace, metricsPort,
                metricsApiPort, tlsCertFile, tlsPrivateKeyFile, requestHeaderClientCaFile, requestHeaderAllowedNames, true);
    }

    public boolean watchesAllNamespaces() {
        return watchNamespaces.isEmpty();
    }
}
