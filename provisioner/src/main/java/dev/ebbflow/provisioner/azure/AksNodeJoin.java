package dev.ebbflow.provisioner.azure;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a VM needs to join the cluster, as Karpenter's AKS provider takes it: the kubelet's TLS
 * bootstrap token ({@code <id>.<secret>}, a {@code bootstrap.kubernetes.io/token} Secret of
 * kube-system), the API server's CA certificate (PEM) the kubelet verifies the server with, and the
 * SSH public key of the VM's admin user (Azure refuses a Linux VM with neither password nor key).
 * The token is a credential: it goes into the VM's custom data and nowhere else, and this record's
 * text never shows it.
 */
public record AksNodeJoin(String bootstrapToken, String clusterCaPem, String sshPublicKey) {

    /** Kubernetes' bootstrap token format. */
    static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    static final Pattern SSH_KEY = Pattern.compile("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?");

    /** @throws IllegalArgumentException naming what is wrong, never quoting the token */
    public AksNodeJoin {
        for (Optional<String> problem : List.of(tokenProblem(bootstrapToken), caProblem(clusterCaPem), sshKeyProblem(sshPublicKey))) {
            if (problem.isPresent()) {
                throw new IllegalArgumentException(problem.get());
            }
        }
        clusterCaPem = clusterCaPem.strip() + "\n";
        sshPublicKey = sshPublicKey.trim();
    }

    /** What is wrong with a bootstrap token, in words that never quote it. */
    public static Optional<String> tokenProblem(String token) {
        if (token == null || token.isBlank()) {
            return Optional.of("the kubelet bootstrap token is missing");
        }
        return TOKEN.matcher(token).matches() ? Optional.empty()
                : Optional.of("the kubelet bootstrap token is not a bootstrap token (6 then 16 characters of a-z and 0-9, joined by a dot)");
    }

    public static Optional<String> caProblem(String pem) {
        return pem != null && pem.contains("-----BEGIN CERTIFICATE-----") ? Optional.empty() : Optional.of("the cluster CA is not a PEM certificate");
    }

    public static Optional<String> sshKeyProblem(String key) {
        if (key == null || key.isBlank()) {
            return Optional.of("the SSH public key is missing");
        }
        return SSH_KEY.matcher(key.trim()).matches() ? Optional.empty()
                : Optional.of("the SSH public key is not an OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-nistp*, then base64)");
    }

    /** The token's public half, which names its Secret ({@code bootstrap-token-<id>}); the secret half is never shown. */
    public String tokenId() {
        return bootstrapToken.substring(0, bootstrapToken.indexOf('.'));
    }

    @Override
    public String toString() {
        return "AksNodeJoin[bootstrapToken=" + tokenId() + ".<redacted>, clusterCa=" + clusterCaPem.length() + " characters of PEM, sshPublicKey="
                + sshPublicKey.substring(0, sshPublicKey.indexOf(' ')) + " key]";
    }
}
