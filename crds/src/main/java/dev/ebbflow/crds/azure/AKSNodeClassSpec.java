package dev.ebbflow.crds.azure;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/**
 * What AKS node auto-provisioning's AKSNodeClass sets: the node image family, the subnet of the nodes'
 * NICs (the operator's default subnet when absent), the OS disk size, max pods, kubelet settings,
 * Azure tags, FIPS images and encryption at host.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.fipsMode) && self.fipsMode == 'FIPS' ? (has(self.imageFamily) && self.imageFamily != 'Ubuntu2204' && self.imageFamily != 'Ubuntu2404') : true",
        message = "FIPS is not yet supported for Ubuntu2204 or Ubuntu2404")
public class AKSNodeClassSpec {

    public static final int DEFAULT_OS_DISK_SIZE_GB = 128;

    @Pattern("^/subscriptions/[^/]+/resource[Gg]roups/[a-zA-Z0-9_\\-().]{0,89}[a-zA-Z0-9_\\-()]/providers/Microsoft\\.Network/virtualNetworks/[^/]+/subnets/[^/]+$")
    private String vnetSubnetID;

    @Default("128")
    @Min(30)
    @Max(2048)
    private Integer osDiskSizeGB = DEFAULT_OS_DISK_SIZE_GB;

    @Default("Ubuntu2204")
    private ImageFamily imageFamily = ImageFamily.Ubuntu2204;

    @Default("Disabled")
    private FipsMode fipsMode;

    // Azure takes at most 50 tags per resource; the bound also keeps the rules within the API server's cost budget.
    @Size(max = 50)
    @ValidationRule(value = "self.all(k, size(k) <= 512)", message = "tags keys must be less than 512 characters")
    @ValidationRule(value = "self.all(k, !k.matches('[<>%&?]'))", message = "tags keys must not contain '<', '>', '%', '&', or '?'")
    @ValidationRule(value = "self.all(k, !k.contains('\\\\'))", message = "tags keys must not contain '\\'")
    @ValidationRule(value = "self.all(k, size(self[k]) <= 256)", message = "tags values must be less than 256 characters")
    private Map<String, String> tags;

    private AKSKubeletConfiguration kubelet;

    @Min(10)
    @Max(250)
    private Integer maxPods;

    private Security security;

    public String getVnetSubnetID() {
        return vnetSubnetID;
    }

    public void setVnetSubnetID(String vnetSubnetID) {
        this.vnetSubnetID = vnetSubnetID;
    }

    public Integer getOsDiskSizeGB() {
        return osDiskSizeGB;
    }

    public void setOsDiskSizeGB(Integer osDiskSizeGB) {
        this.osDiskSizeGB = osDiskSizeGB;
    }

    public ImageFamily getImageFamily() {
        return imageFamily;
    }

    public void setImageFamily(ImageFamily imageFamily) {
        this.imageFamily = imageFamily;
    }

    public FipsMode getFipsMode() {
        return fipsMode;
    }

    public void setFipsMode(FipsMode fipsMode) {
        this.fipsMode = fipsMode;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }

    public AKSKubeletConfiguration getKubelet() {
        return kubelet;
    }

    public void setKubelet(AKSKubeletConfiguration kubelet) {
        this.kubelet = kubelet;
    }

    public Integer getMaxPods() {
        return maxPods;
    }

    public void setMaxPods(Integer maxPods) {
        this.maxPods = maxPods;
    }

    public Security getSecurity() {
        return security;
    }

    public void setSecurity(Security security) {
        this.security = security;
    }

    /** The image family, Ubuntu2204 when the object was read without the API server's default. */
    public ImageFamily imageFamilyOrDefault() {
        return imageFamily == null ? ImageFamily.Ubuntu2204 : imageFamily;
    }

    public int osDiskSizeGBOrDefault() {
        return osDiskSizeGB == null ? DEFAULT_OS_DISK_SIZE_GB : osDiskSizeGB;
    }

    public boolean fips() {
        return fipsMode == FipsMode.FIPS;
    }
}
