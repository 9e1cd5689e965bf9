package dev.ebbflow.provisioner.cloud;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * Edits a Node that others write at the same time: on a real control plane the node lifecycle
 * controller lifts the not-ready taint, and registration, the simulated agent and termination change
 * labels and taints, each with the resourceVersion it read. A conflict only means another writer came
 * first, so the change is made again on the fresh copy (a few times) instead of failing the caller.
 */
public final class NodeEdits {

    static final int ATTEMPTS = 4;

    private NodeEdits() {
    }

    public static Node edit(KubernetesClient client, String name, UnaryOperator<Node> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.nodes().withName(name).edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
