package dev.ebbflow.crds.azure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * An AKSNodeClass's {@code status}: the node images its nodes boot, the Kubernetes version they join
 * with, and the conditions {@code Ready}, {@code ImagesReady}, {@code KubernetesVersionReady}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AKSNodeClassStatus {

    private List<NodeImage> images;
    private String kubernetesVersion;
    private List<Condition> conditions;

    public List<NodeImage> getImages() {
        return images;
    }

    public void setImages(List<NodeImage> images) {
        this.images = images;
    }

    public String getKubernetesVersion() {
        return kubernetesVersion;
    }

    public void setKubernetesVersion(String kubernetesVersion) {
        this.kubernetesVersion = kubernetesVersion;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }
}
