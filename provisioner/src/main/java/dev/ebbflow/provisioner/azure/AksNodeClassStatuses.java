package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassStatus;
import dev.ebbflow.crds.azure.NodeImage;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
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
    public static final String IMAGES_READY = "ImagesReady";

    /** The node class's resolved images, or why it has none. */
    public record Images(List<NodeImage> images, Optional<AksImagesUnavailableException> problem) {

        public static Images resolved(List<NodeImage> images) {
            return new Images(images, Optional.empty());
        }

        public static Images unavailable(AksImagesUnavailableException problem) {
            return new Images(List.of(), Optional.of(problem));
        }
    }

    private AksNodeClassStatuses() {
    }

    public static AKSNodeClassStatus of(AKSNodeClass nodeClass, AzureConfig config, Images images, String kubernetesVersion,
                                        Optional<String> authorizationError, Instant now) {
        AKSNodeClassStatus previous = nodeClass.getStatus();
        AKSNodeClassStatus status = new AKSNodeClassStatus();
        status.setImages(new ArrayList<>(images.images()));
        status.setKubernetesVersion(kubernetesVersion);
        long generation = generation(nodeClass);
        List<Condition> conditions = new ArrayList<>();
        conditions.add(condition(previous, IMAGES_READY, images.problem().isEmpty(),
                images.problem().map(AksImagesUnavailableException::reason).orElse("ImagesResolved"),
                images.problem().map(AksImagesUnavailableException::conditionMessage).orElse(""), generation, now));
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
        } else if (images.problem().isPresent()) {
            reason = images.problem().get().reason();
            message = images.problem().get().conditionMessage();
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
        return condition(status, READY);
    }

    private static Optional<Condition> condition(AKSNodeClassStatus status, String type) {
        return status == null || status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * The images {@code status.images} lists, when they were resolved for the node class as it now is
     * ({@code ImagesReady} true for its current generation); empty when the spec changed since, or they were not.
     */
    public static Optional<List<NodeImage>> currentImages(AKSNodeClass nodeClass) {
        AKSNodeClassStatus status = nodeClass.getStatus();
        if (status == null || status.getImages() == null || status.getImages().isEmpty()) {
            return Optional.empty();
        }
        return condition(status, IMAGES_READY)
                .filter(c -> "True".equals(c.getStatus()) && c.getObservedGeneration() != null && c.getObservedGeneration() == generation(nodeClass))
                .map(c -> status.getImages());
    }

    private static long generation(AKSNodeClass nodeClass) {
        return nodeClass.getMetadata().getGeneration() == null ? 0 : nodeClass.getMetadata().getGeneration();
    }
}
