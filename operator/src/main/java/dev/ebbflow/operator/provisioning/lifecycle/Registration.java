package dev.ebbflow.operator.provisioning.lifecycle;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaim;
import dev.ebbflow.operator.provisioning.termination.NodeClaimTerminator;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a Node looks like once Karpenter registered it to its NodeClaim (pure): the claim's labels
 * and {@code karpenter.sh/registered=true}, the claim's taints (and its startup taints while the node
 * is still {@code karpenter.sh/unregistered}, so they are not put back once a daemon removed them),
 * the {@code karpenter.sh/unregistered} taint gone, the claim as an owner (deleting the claim
 * deletes the Node) and the termination finalizer (deleting the Node drains it first).
 */
public final class Registration {

    public static final String TERMINATION_FINALIZER = NodeClaimTerminator.FINALIZER;
    public static final String UNREGISTERED_TAINT_KEY = "karpenter.sh/unregistered";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Registration() {
    }

    public static Node registered(NodeClaim claim, Node node) {
        Node copy = SERIALIZATION.clone(node);
        Map<String, String> labels = new LinkedHashMap<>(copy.getMetadata().getLabels() == null ? Map.of() : copy.getMetadata().getLabels());
        if (claim.getMetadata().getLabels() != null) {
            labels.putAll(claim.getMetadata().getLabels());
        }
        labels.put(KarpenterLabels.REGISTERED, "true");
        copy.getMetadata().setLabels(labels);

        List<Taint> taints = new ArrayList<>(copy.getSpec().getTaints() == null ? List.of() : copy.getSpec().getTaints());
        boolean unregistered = taints.removeIf(t -> UNREGISTERED_TAINT_KEY.equals(t.getKey()));
        addMissing(taints, claim.getSpec().getTaints());
        if (unregistered) {
            addMissing(taints, claim.getSpec().getStartupTaints());
        }
        copy.getSpec().setTaints(taints.isEmpty() ? null : taints);

        List<OwnerReference> owners = new ArrayList<>(copy.getMetadata().getOwnerReferences() == null ? List.of() : copy.getMetadata().getOwnerReferences());
        if (owners.stream().noneMatch(o -> Objects.equals(o.getUid(), claim.getMetadata().getUid()))) {
            owners.add(ownerReference(claim));
        }
        copy.getMetadata().setOwnerReferences(owners);

        List<String> finalizers = new ArrayList<>(copy.getMetadata().getFinalizers() == null ? List.of() : copy.getMetadata().getFinalizers());
        if (!finalizers.contains(TERMINATION_FINALIZER)) {
            finalizers.add(TERMINATION_FINALIZER);
        }
        copy.getMetadata().setFinalizers(finalizers);
        return copy;
    }

    public static OwnerReference ownerReference(NodeClaim claim) {
        return new OwnerReferenceBuilder().withApiVersion(claim.getApiVersion()).withKind(claim.getKind())
                .withName(claim.getMetadata().getName()).withUid(claim.getMetadata().getUid())
                .withBlockOwnerDeletion(true).build();
    }

    /** Taints are identified by key and effect, as the API server does. */
    static boolean sameTaint(Taint a, Taint b) {
        return Objects.equals(a.getKey(), b.getKey()) && Objects.equals(a.getEffect(), b.getEffect());
    }

    private static void addMissing(List<Taint> taints, List<Taint> wanted) {
        if (wanted == null) {
            return;
        }
        for (Taint w : wanted) {
            if (taints.stream().noneMatch(t -> sameTaint(t, w))) {
                taints.add(new Taint(w.getEffect(), w.getKey(), null, w.getValue()));
            }
        }
    }
}
