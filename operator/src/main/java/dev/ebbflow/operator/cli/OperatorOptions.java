package dev.ebbflow.operator.cli;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.operator.leadership.LeaseElection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The operator's command-line options, turned into {@link OperatorSettings} with every value checked. */
public class OperatorOptions {

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--watch-namespaces", split = ",", paramLabel = "NS",
            description = "Namespaces to watch, comma-separated; empty (default) watches all.")
    String[] watchNamespaces = new String[0];

    @Option(names = "--kube-api-qps", defaultValue = "300", paramLabel = "QPS", description = "API requests per second (default ${DEFAULT-VALUE}).")
    double kubeApiQps;

    @Option(names = "--kube-api-burst", defaultValue = "600", paramLabel = "REQUESTS", description = "API request burst (default ${DEFAULT-VALUE}).")
    int kubeApiBurst;

    @Option(names = "--log-level", defaultValue = "INFO", paramLabel = "LEVEL", description = "TRACE, DEBUG, INFO, WARN or ERROR (default ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--leader-election", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run reconcilers and background loops on the Lease holder only (default ${DEFAULT-VALUE}).")
    boolean leaderElection;

    @Option(names = "--leader-election-lease-name", defaultValue = "ebbflow-operator", paramLabel = "NAME",
            description = "Name of the coordination.k8s.io Lease, in --operator-namespace, that the replicas compete for: only its holder "
                    + "reconciles. Replicas of one installation share it; two installations in one namespace need different names "
                    + "(default ${DEFAULT-VALUE}).")
    String leaseName;

    @Option(names = "--leader-election-lease-duration", defaultValue = "15s", paramLabel = "DURATION",
            description = "How long followers wait after the leader's last renewal before taking the Lease, e.g. 15s (default ${DEFAULT-VALUE}).")
    String leaseDuration;

    @Option(names = "--leader-election-renew-deadline", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long the leader keeps trying to renew before it stops acting and exits (default ${DEFAULT-VALUE}).")
    String renewDeadline;

    @Option(names = "--leader-election-retry-period", defaultValue = "2s", paramLabel = "DURATION",
            description = "How often the leader renews and followers try to take the Lease (default ${DEFAULT-VALUE}). "
                    + "Followers also watch the Lease and try the moment it is released or expires.")
    String retryPeriod;

    @Option(names = "--operator-namespace", defaultValue = "${env:POD_NAMESPACE:-ebbflow}",
            paramLabel = "NS",
            description = "The operator's namespace: holds the Lease and the Secrets of ClusterTriggerAuthentications "
                    + "(default $POD_NAMESPACE, else ebbflow).")
    String operatorNamespace;

    @Option(names = "--metrics-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of /metrics, /healthz and /readyz (default ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-api-port", defaultValue = "6443", paramLabel = "PORT",
            description = "HTTPS port of the external metrics API (default ${DEFAULT-VALUE}).")
    int metricsApiPort;

    @Option(names = "--tls-cert-file", paramLabel = "FILE", description = "PEM certificate of the metrics API (default: none, a self-signed one).")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE", description = "PEM private key of --tls-cert-file (default: none).")
    Path tlsPrivateKeyFile;

    @Option(names = "--requestheader-client-ca-file",
            paramLabel = "FILE",
            description = "CA that signs the aggregator's client certificate (default: none, read from "
                    + "kube-system/extension-apiserver-authentication).")
    Path requestHeaderClientCaFile;

    @Option(names = "--requestheader-allowed-names", split = ",", paramLabel = "CN",
            description = "Common names allowed for the aggregator's client certificate (default: none, so without "
                    + "--requestheader-client-ca-file the names listed in kube-system/extension-apiserver-authentication).")
    String[] requestHeaderAllowedNames = new String[0];

    @Option(names = "--metrics-api-delegated-authorization", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Authorize each external metrics API caller with a SubjectAccessReview, as aggregated API servers do (default ${DEFAULT-VALUE}).")
    boolean metricsApiDelegatedAuthorization;

    @Option(names = "--admission-webhook-port", paramLabel = "PORT",
            description = "HTTPS port of the validating admission webhook of KEDA's kinds, with the metrics API's certificate (default: off; the chart sets 9443).")
    Integer admissionWebhookPort;

    @Option(names = "--provision-ahead", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Launch nodes for the replicas a ScaledObject's HPA is about to ask for before the pods exist, unless the "
                    + "ScaledObject is annotated ebbflow.dev/provision-ahead: \"false\" (default ${DEFAULT-VALUE}).")
    boolean provisionAhead;

    @Option(names = "--provision-ahead-ttl", defaultValue = "2m", paramLabel = "DURATION",
            description = "How long capacity provisioned ahead waits for its pods; the HPA's steps are forecast half as far ahead "
                    + "(default ${DEFAULT-VALUE}).")
    String provisionAheadTtl;

    /** Whether provisioning ahead of the pods is on. */
    public boolean provisionAhead() {
        return provisionAhead;
    }

    /** How long a reservation made ahead of the pods lives, checked. */
    public Duration provisionAheadTtl() {
        Duration ttl = duration("--provision-ahead-ttl", provisionAheadTtl);
        if (ttl.isZero() || ttl.isNegative()) {
            throw usage("--provision-ahead-ttl must be positive, got " + provisionAheadTtl);
        }
        return ttl;
    }

    /** The admission webhook's port, checked against the other ports; empty when the webhook is off. */
    public java.util.OptionalInt admissionWebhookPort() {
        if (admissionWebhookPort == null) {
            return java.util.OptionalInt.empty();
        }
        checkPort("--admission-webhook-port", admissionWebhookPort);
        if (admissionWebhookPort == metricsPort || admissionWebhookPort == metricsApiPort) {
            throw usage("--admission-webhook-port must differ from --metrics-port and --metrics-api-port, got " + admissionWebhookPort);
        }
        return java.util.OptionalInt.of(admissionWebhookPort);
    }

    @Option(names = "--cluster-name", defaultValue = "${env:CLUSTER_NAME:-}", paramLabel = "NAME",
            description = "The cluster's name (default $CLUSTER_NAME, else none): clouds tag the instances they launch with it, nodes join it, and "
                    + "garbage collection terminates leaked instances of this cluster only; without it leaked instances are left alone.")
    String clusterName;

    /** The cluster's name from {@code --cluster-name}, empty when not set. */
    public String clusterName() {
        return clusterName == null ? "" : clusterName.trim();
    }

    /** Checks every value; a bad one is a picocli usage error naming the option. */
    public OperatorSettings toSettings() {
        if (!(kubeApiQps > 0)) {
            throw usage("--kube-api-qps must be greater than 0, got " + kubeApiQps);
        }
        if (kubeApiBurst < 1) {
            throw usage("--kube-api-burst must be at least 1, got " + kubeApiBurst);
        }
        String level = logLevel.toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
            throw usage("--log-level must be one of " + LOG_LEVELS + ", got '" + logLevel + "'");
        }
        checkPort("--metrics-port", metricsPort);
        checkPort("--metrics-api-port", metricsApiPort);
        if (metricsPort == metricsApiPort) {
            throw usage("--metrics-port and --metrics-api-port must differ, both are " + metricsPort);
        }
        if ((tlsCertFile == null) != (tlsPrivateKeyFile == null)) {
            throw usage("--tls-cert-file and --tls-private-key-file go together");
        }
        checkReadable("--tls-cert-file", tlsCertFile);
        checkReadable("--tls-private-key-file", tlsPrivateKeyFile);
        checkReadable("--requestheader-client-ca-file", requestHeaderClientCaFile);
        Set<String> namespaces = new LinkedHashSet<>();
        for (String ns : watchNamespaces) {
            String trimmed = ns.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!trimmed.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw usage("--watch-namespaces: '" + trimmed + "' is not a valid namespace name");
            }
            namespaces.add(trimmed);
        }
        LeaseElection.Timing timing;
        try {
            timing = new LeaseElection.Timing(duration("--leader-election-lease-duration", leaseDuration),
                    duration("--leader-election-renew-deadline", renewDeadline), duration("--leader-election-retry-period", retryPeriod));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return new OperatorSettings(namespaces, kubeApiQps, kubeApiBurst, level, leaderElection, leaseName,
                operatorNamespace, operatorNamespace, metricsPort, metricsApiPort,
                Optional.ofNullable(tlsCertFile), Optional.ofNullable(tlsPrivateKeyFile),
                Optional.ofNullable(requestHeaderClientCaFile),
                new LinkedHashSet<>(Arrays.stream(requestHeaderAllowedNames).map(String::trim).filter(s -> !s.isEmpty()).toList()),
                metricsApiDelegatedAuthorization, timing);
    }

    private Duration duration(String option, String value) {
        try {
            return GoDurations.parseFinite(value, option);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": '" + value + "' is not a duration such as 500ms, 15s, 2m or 1h");
        }
    }

    private void checkPort(String option, int port) {
        if (port < 1 || port > 65535) {
            throw usage(option + " must be between 1 and 65535, got " + port);
        }
    }

    private void checkReadable(String option, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw usage(option + ": cannot read " + file);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
