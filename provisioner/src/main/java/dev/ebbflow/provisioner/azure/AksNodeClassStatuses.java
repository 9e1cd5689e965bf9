package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassStatus;
import dev.ebbflow.crds.azure.NodeImage;
import dev.ebbflow.crds.karpenter.KarpenterLabels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An AKSNodeClass's status from its spec and what the operator knows: the node image per architecture,
 * the cluster's Kubernetes version, and the conditions {@code ImagesReady}, {@code KubernetesVersionReady},
 * {@code SubnetsReady} and {@code Ready} (false, naming the field or the refusal, when any is not).
 */
public final class AksNodeClassStatuses {

    public static final String READY = "Ready";

    private AksNodeClassStatuses() {
    }

    public static AKSNodeClassStatus of(AKSNodeClass nodeClass, AzureConfig config, String kubernetesVersion,
                                        Optional<String> authorizationError, Instant now) {
        AKSNodeClassStatus previous = nodeClass.getStatus();
        AKSNodeClassStatus status = new AKSNodeClassStatus();
        List<NodeImage> images = new ArrayList<>();
        for (String arch : List.of("amd64", "arm64")) {
            images.add(new NodeImage(AksNodeImages.imageId(nodeClass.getSpec(), arch, config.nodeImageVersion()),
                    List.of(new NodeSelectorRequirement(KarpenterLabels.ARCH, "In", List.of(arch)))));
        }
        status.setImages(images);
        status.setKubernetesVersion(kubernetesVersion);
        long generation = nodeClass.getMetadata().getGeneration() == null ? 0 : nodeClass.getMetadata().getGeneration();
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "ImagesReady", true, "ImagesResolved", "", generation, now));
        conditions.add(condition(previous, "KubernetesVersionReady", kubernetesVersion != null && !kubernetesVersion.isEmpty(),
                "KubernetesVersionResolved", "", generation, now));
        boolean subnet = nodeClass.getSpec().getVnetSubnetID() != null || (config.defaultSubnetId() != null && !config.defaultSubnetId().isEmpty());
        conditions.add(condition(previous, "SubnetsReady", subnet, subnet ? "SubnetResolved" : "SubnetNotFound",
                subnet ? "" : "spec.vnetSubnetID: required: the operator has no default subnet (--azure-vnet-subnet-id)", generation, now));
        String reason = "Ready";
        String message = "";
        if (!subnet) {
            reason = "SubnetNotFound";
            message = "spec.vnetSubnetID: required: the operator has no default subnet (--azure-vnet-subnet-id)";
        } else if (authorizationError.isPresent()) {
            reason = "AuthorizationFailed";
            message = authorizationError.get();
        }
        conditions.add(condition(previous, READY, "Ready".equals(reason), reason, message, generation, now));
        status.setConditions(conditions);
        return status;
    }

    private static Condition condition(AKSNodeClassStatus previous, String type, boolean ok, String reason, String message,
                                       long generation, Instant now) {
        String status = ok ? "True" : "False";
        String since = now.toString();
        if (previous != null && previous.getConditions() != null) {
            for (Condition c : previous.getConditions()) {
                if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

    public static Optional<Condition> ready(AKSNodeClassStatus status) {
        return status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> READY.equals(c.getType())).findFirst();
    }
}
