package dev.ebbflow.provisioner.disruption;

import dev.ebbflow.provisioner.scheduling.ExistingNode;
import java.time.Instant;
import java.util.List;

/**
 * One NodeClaim as disruption sees it, made by the operator from its caches or by the simulator from
 * its model, so that both take the same decisions.
 *
 * @param claim          the NodeClaim's name
 * @param node           its Node in the scheduling core's terms, every pod bound to it included (they
 *                       take room); null until the Node registered
 * @param deleting       the claim or its Node is being deleted, or the node is already being disrupted
 * @param ready          the Node reports Ready
 * @param initializedAt  when the claim became Initialized; null while it is not
 * @param lastPodEventAt when a reschedulable pod last arrived on or left the node; null if none did
 * @param doNotDisrupt   the Node or the claim carries {@code karpenter.sh/do-not-disrupt: "true"}
 * @param pods           the node's reschedulable pods
 * @param expiresAt      when {@code expireAfter} runs out; null for never
 */
public record NodeState(String claim, ExistingNode node, String nodePool, boolean deleting, boolean ready, Instant initializedAt,
                        Instant lastPodEventAt, boolean doNotDisrupt, List<PodState> pods, Offer offer, Instant expiresAt) {

    public NodeState {
        pods = List.copyOf(pods);
    }

    public String nodeName() {
        return node == null ? null : node.name();
    }

    public boolean registered() {
        return node != null;
    }

    /** Counts among the pool's nodes for budgets: registered, or on its way out. */
    public boolean counted() {
        return registered() || deleting;
    }

    /** Counts against the budgets as a node already being disrupted: deleting, or registered and not Ready. */
    public boolean disrupting() {
        return deleting || (registered() && !ready);
    }

    /** Since when nothing moved on or off the node: its last pod event, else its initialization. */
    public Instant quietSince() {
        return lastPodEventAt != null && lastPodEventAt.isAfter(initializedAt) ? lastPodEventAt : initializedAt;
    }

    public NodeState withPods(List<PodState> p) {
        return new NodeState(claim, node, nodePool, deleting, ready, initializedAt, lastPodEventAt, doNotDisrupt, p, offer, expiresAt);
    }

    public NodeState withDeleting(boolean d) {
        return new NodeState(claim, node, nodePool, d, ready, initializedAt, lastPodEventAt, doNotDisrupt, pods, offer, expiresAt);
    }
}
