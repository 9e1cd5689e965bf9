package dev.ebbflow.operator.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Expected failures at start (no kubeconfig, no cluster, no rights) as one line that says what is
 * wrong and what to do, instead of a stack trace.
 */
public final class StartupErrors {

    static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    private StartupErrors() {
    }

    /** What to tell the user about {@code failure}. */
    public static String explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 403) {
                return "forbidden: " + statusMessage(k) + "; the operator's identity needs the rights of the chart's ClusterRole and Roles "
                        + "(deploy/helm/ebbflow/templates/clusterrole.yaml, rbac-bindings.yaml)";
            }
            if (t instanceof KubernetesClientException k && k.getCode() == 401) {
                return "unauthorized: the API server refused the credentials (" + statusMessage(k)
                        + "); check the user of the current context in KUBECONFIG, or the service account token";
            }
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof SSLException) {
                return "cannot reach the Kubernetes API server (" + t.getClass().getSimpleName() + ": " + t.getMessage()
                        + "); check that KUBECONFIG points at a running cluster";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == failure || failure.getMessage() == null ? message : failure.getMessage() + ": " + message;
    }

    /** Where the client found its cluster, for the user to know which configuration to fix. */
    public static String source(io.fabric8.kubernetes.client.Config config) {
        java.io.File file = config.getFileWithCluster() != null ? config.getFileWithCluster() : config.getFile();
        if (file != null) {
            String context = config.getCurrentContext() == null ? "" : ", context " + config.getCurrentContext().getName();
            return "API server " + config.getMasterUrl() + " from kubeconfig " + file + context;
        }
        return "API server " + config.getMasterUrl() + " from the in-cluster service account";
    }

    private static String statusMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    /**
     * Checks, before any client is built, that there is a cluster configuration to find, as kubectl
     * would look for one: KUBECONFIG's files, else {@code ~/.kube/config}, else a service account.
     */
    public static Optional<String> missingKubeconfig(Map<String, String> env, Path home) {
        String kubeconfig = env.get("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            for (String file : kubeconfig.split(java.io.File.pathSeparator)) {
                if (!file.isBlank() && Files.isReadable(Path.of(file))) {
                    return Optional.empty();
                }
            }
            return Optional.of("KUBECONFIG=" + kubeconfig + " names no readable file; point it at the cluster's kubeconfig");
        }
        if (Files.isReadable(home.resolve(".kube").resolve("config")) || env.containsKey("KUBERNETES_SERVICE_HOST")
                && Files.isReadable(Path.of(SERVICE_ACCOUNT_TOKEN))) {
            return Optional.empty();
        }
        return Optional.of("no cluster configuration: set KUBECONFIG (or create ~/.kube/config), or run in a cluster with a service account");
    }
}
