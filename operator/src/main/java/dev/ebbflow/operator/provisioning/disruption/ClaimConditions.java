package dev.ebbflow.operator.provisioning.disruption;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.kube.NodeClaimConditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the conditions disruption keeps on NodeClaims ({@code Consolidatable}, {@code Drifted},
 * {@code DisruptionReason}) as Karpenter v1 writes them: True with a reason while they hold, removed
 * when they no longer do. A claim whose cached copy already shows the wanted state costs no request;
 * otherwise the server's copy is updated with its resourceVersion (the lifecycle reconciler writes the
 * same status), retried on a conflict.
 */
public final class ClaimConditions {

    public static final String CONSOLIDATABLE = "Consolidatable";
    public static final String DRIFTED = "Drifted";
    public static final String DISRUPTION_REASON = "DisruptionReason";

    private static final Logger LOG = LoggerFactory.getLogger(ClaimConditions.class);
    private static final int ATTEMPTS = 3;

    private final KubernetesClient client;
    private final Clock clock;

    public ClaimConditions(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Makes the condition True with the reason and message. */
    public void setTrue(NodeClaim cached, String type, String reason, String message) {
        sync(cached, type, Optional.of(new String[] {reason, message}));
    }

    /** Removes the condition, if there. */
    public void remove(NodeClaim cached, String type) {
        sync(cached, type, Optional.empty());
    }

    private void sync(NodeClaim cached, String type, Optional<String[]> wanted) {
        if (cached == null || matches(cached, type, wanted)) {
            return;
        }
        String name = cached.getMetadata().getName();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                NodeClaim fresh = client.resources(NodeClaim.class).withName(name).get();
                if (fresh == null || matches(fresh, type, wanted)) {
                    return;
                }
                if (wanted.isPresent()) {
                    NodeClaimConditions.set(fresh, type, NodeClaimConditions.TRUE, wanted.get()[0], wanted.get()[1], clock.instant());
                } else {
                    List<Condition> kept = new ArrayList<>(fresh.getStatus().getConditions());
                    kept.removeIf(c -> type.equals(c.getType()));
                    fresh.getStatus().setConditions(kept);
                }
                client.resources(NodeClaim.class).resource(fresh).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
                    LOG.warn("nodeclaim {}: writing condition {} failed: {}", name, type, e.getMessage());
                    return;
                }
            }
        }
    }

    private static boolean matches(NodeClaim claim, String type, Optional<String[]> wanted) {
        Optional<Condition> c = NodeClaimConditions.get(claim, type);
        if (wanted.isEmpty()) {
            return c.isEmpty();
        }
        return c.isPresent() && NodeClaimConditions.TRUE.equals(c.get().getStatus()) && Objects.equals(c.get().getReason(), wanted.get()[0])
                && Objects.equals(c.get().getMessage(), wanted.get()[1]);
    }
}
