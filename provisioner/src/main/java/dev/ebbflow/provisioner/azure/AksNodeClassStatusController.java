package dev.ebbflow.provisioner.azure;

import dev.ebbflow.crds.azure.AKSNodeClass;
import dev.ebbflow.crds.azure.AKSNodeClassStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every AKSNodeClass's status current (a pass per period, on the leader): images (pinned or the
 * galleries' newest), Kubernetes version, conditions; when {@code Ready} turns false, a Warning Event on
 * the node class names why (the field, e.g. {@code spec.imageFamily}, or Azure's refusal).
 */
public final class AksNodeClassStatusController {

    private static final Logger LOG = LoggerFactory.getLogger(AksNodeClassStatusController.class);
    private static final String EVENTS_NAMESPACE = "default";

    private final KubernetesClient client;
    private final AzureConfig config;
    private final AzureCloudProvider cloud;
    private final Clock clock;

    public AksNodeClassStatusController(KubernetesClient client, AzureConfig config, AzureCloudProvider cloud, Clock clock) {
        this.client = client;
        this.config = config;
        this.cloud = cloud;
        this.clock = clock;
    }

    /** One pass over every AKSNodeClass; a failure on one is logged and the others still get theirs. */
    public void pass() {
        String version = null;
        try {
            var info = client.getKubernetesVersion();
            if (info != null && info.getGitVersion() != null) {
                version = info.getGitVersion().replaceFirst("^v", "");
            }
        } catch (KubernetesClientException e) {
            LOG.warn("reading the cluster's Kubernetes version: {}", e.getMessage());
        }
        try {
            for (AKSNodeClass nodeClass : client.resources(AKSNodeClass.class).list().getItems()) {
                reconcile(nodeClass, version);
            }
        } catch (KubernetesClientException e) {
            LOG.warn("listing AKSNodeClasses: {}", e.getMessage());
        }
    }

    void reconcile(AKSNodeClass nodeClass, String kubernetesVersion) {
        AksNodeClassStatuses.Images images;
        try {
            images = AksNodeClassStatuses.Images.resolved(cloud.images().images(nodeClass));
        } catch (AksImagesUnavailableException e) {
            images = AksNodeClassStatuses.Images.unavailable(e);
        }
        AKSNodeClassStatus status = AksNodeClassStatuses.of(nodeClass, config, images, kubernetesVersion, cloud.authorizationError(), clock.instant());
        if (sameAs(nodeClass.getStatus(), status)) {
            return;
        }
        Optional<Condition> wasReady = AksNodeClassStatuses.ready(nodeClass.getStatus());
        Condition ready = AksNodeClassStatuses.ready(status).orElseThrow();
        nodeClass.setStatus(status);
        try {
            client.resources(AKSNodeClass.class).resource(nodeClass).updateStatus();
        } catch (KubernetesClientException e) {
            LOG.info("AKSNodeClass {} status not written ({}), next pass retries", nodeClass.getMetadata().getName(), e.getMessage());
            return;
        }
        boolean turnedFalse = "False".equals(ready.getStatus()) && (wasReady.isEmpty() || !Objects.equals(wasReady.get().getMessage(), ready.getMessage()));
        if (turnedFalse) {
            warn(nodeClass, ready.getReason(), ready.getMessage());
        }
    }

    private static boolean sameAs(AKSNodeClassStatus a, AKSNodeClassStatus b) {
        if (a == null) {
            return false;
        }
        return Objects.equals(a.getKubernetesVersion(), b.getKubernetesVersion())
                && Objects.equals(String.valueOf(a.getImages() == null ? null : a.getImages().stream().map(i -> i.getId()).toList()),
                String.valueOf(b.getImages().stream().map(i -> i.getId()).toList()))
                && Objects.equals(a.getConditions(), b.getConditions());
    }

    private void warn(AKSNodeClass nodeClass, String reason, String message) {
        try {
            client.v1().events().inNamespace(EVENTS_NAMESPACE).resource(new EventBuilder()
                    .withNewMetadata().withName(nodeClass.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(EVENTS_NAMESPACE).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(AKSNodeClass.GROUP + "/" + AKSNodeClass.VERSION)
                            .withKind(AKSNodeClass.KIND).withName(nodeClass.getMetadata().getName())
                            .withUid(nodeClass.getMetadata().getUid()).build())
                    .withType("Warning").withReason(reason).withMessage(message)
                    .withFirstTimestamp(clock.instant().toString()).withLastTimestamp(clock.instant().toString()).withCount(1)
                    .withNewSource().withComponent("ebbflow").endSource().build()).create();
        } catch (KubernetesClientException e) {
            LOG.info("Event on AKSNodeClass {} not recorded: {}", nodeClass.getMetadata().getName(), e.getMessage());
        }
    }
}
