package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.kube.Nodes;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Whether a registered Node is initialized (pure): Ready, none of the known ephemeral taints
 * ({@code node.kubernetes.io/not-ready}, ...) left, as Karpenter requires, none of the claim's startup
 * taints (nor {@code karpenter.sh/unregistered}) left, and every extended resource the claim asked for
 * (a GPU, say) advertised by the node, since a device plugin registers those after the kubelet is Ready.
 * The ephemeral taints matter because the provisioner looks past them only on nodes not yet
 * initialized: on a real control plane the node lifecycle controller lifts not-ready a moment after
 * Ready, and a node called initialized in between had its pods provisioned for a second time.
 */
public final class Initialization {

    /** {@code initialized}, or the reason and message of the condition while it is not. */
    public record Check(boolean initialized, String reason, String message) {
        static Check done() {
            return new Check(true, "Initialized", "");
        }
    }

    private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "pods", "ephemeral-storage");

    private Initialization() {
    }

    public static Check check(NodeClaim claim, Node node) {
        if (!Nodes.isReady(node)) {
            return new Check(false, "NodeNotReady", "Node " + node.getMetadata().getName() + " is not Ready");
        }
        if (node.getSpec().getTaints() != null) {
            for (Taint t : node.getSpec().getTaints()) {
                if (Nodes.EPHEMERAL_TAINTS.contains(t.getKey())) {
                    return new Check(false, "KnownEphemeralTaintsExist", "ephemeral taint " + t.getKey() + ":" + t.getEffect() + " is still on the Node");
                }
                if (Registration.UNREGISTERED_TAINT_KEY.equals(t.getKey()) || isStartupTaint(claim, t)) {
                    return new Check(false, "StartupTaintsExist", "startup taint " + t.getKey() + ":" + t.getEffect() + " is still on the Node");
                }
            }
        }
        Map<String, Quantity> requests = claim.getSpec().getResources() == null ? null : claim.getSpec().getResources().getRequests();
        if (requests != null) {
            Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                    ? Map.of() : node.getStatus().getAllocatable();
            for (String resource : requests.keySet()) {
                if (STANDARD_RESOURCES.contains(resource)) {
                    continue;
                }
                Quantity q = allocatable.get(resource);
                if (q == null || Quantity.getAmountInBytes(q).compareTo(BigDecimal.ZERO) <= 0) {
                    return new Check(false, "ResourceNotRegistered", "resource " + resource + " is not registered on the Node yet");
                }
            }
        }
        return Check.done();
    }

    private static boolean isStartupTaint(NodeClaim claim, Taint taint) {
        return claim.getSpec().getStartupTaints() != null
                && claim.getSpec().getStartupTaints().stream().anyMatch(s -> Registration.sameTaint(s, taint));
    }
}
