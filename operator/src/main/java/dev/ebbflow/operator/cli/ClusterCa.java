package dev.ebbflow.operator.cli;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/**
 * The CA the operator's Kubernetes client trusts, as PEM: in a pod the service account's
 * {@code ca.crt}, else the kubeconfig's. Karpenter's AKS provider gives new nodes the same CA.
 */
final class ClusterCa {

    private ClusterCa() {
    }

    static Optional<String> ofKubernetesClient() {
        return of(Config.autoConfigure(null));
    }

    static Optional<String> of(Config config) {
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            return Optional.of(new String(Base64.getMimeDecoder().decode(config.getCaCertData()), StandardCharsets.UTF_8));
        }
        if (config.getCaCertFile() != null && !config.getCaCertFile().isBlank()) {
            try {
                return Optional.of(Files.readString(Path.of(config.getCaCertFile())));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
