package dev.ebbflow.crds.simulated;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What the simulated cloud offers for NodePools that name this class: either a generated catalog
 * (KWOK-shaped families, sizes, architectures, zones and capacity types; every list left empty takes
 * the generator's defaults) or a catalog file held in a ConfigMap. Nodes register after
 * {@code bootDelay}, labelled {@code ebbflow.dev/simulated: "true"} and tainted
 * {@code ebbflow.dev/simulated=true:NoSchedule} unless {@code markSimulated} is false.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.catalogConfigMapRef) || (!has(self.instanceFamilies) && !has(self.sizes))",
        message = "catalogConfigMapRef cannot be combined with instanceFamilies or sizes")
public class SimulatedNodeClassSpec {

    public static final String DEFAULT_BOOT_DELAY = "5s";

    private List<String> zones;
    private List<InstanceFamily> instanceFamilies;
    private List<Integer> sizes;

    // Bounded so the API server can cost the rule within its budget; each list has a handful of distinct values.
    @Size(max = 10)
    @ValidationRule(value = "self.all(a, a in ['amd64', 'arm64'])", message = "architectures must be amd64 or arm64")
    private List<String> architectures;

    @Size(max = 10)
    @ValidationRule(value = "self.all(c, c in ['spot', 'on-demand', 'reserved'])", message = "capacityTypes must be spot, on-demand or reserved")
    private List<String> capacityTypes;

    @Default(DEFAULT_BOOT_DELAY)
    @Pattern("^([0-9]+(ms|s|m|h))+$")
    private String bootDelay = DEFAULT_BOOT_DELAY;

    private CatalogConfigMapReference catalogConfigMapRef;

    /**
     * Whether Nodes of this class say they are simulated (a label and a NoSchedule taint), so that only
     * pods that tolerate the taint land on capacity that does not exist; null reads as true.
     */
    @Default("true")
    private Boolean markSimulated;

    public List<String> getZones() {
        return zones;
    }

    public void setZones(List<String> zones) {
        this.zones = zones;
    }

    public List<InstanceFamily> getInstanceFamilies() {
        return instanceFamilies;
    }

    public void setInstanceFamilies(List<InstanceFamily> instanceFamilies) {
        this.instanceFamilies = instanceFamilies;
    }

    public List<Integer> getSizes() {
        return sizes;
    }

    public void setSizes(List<Integer> sizes) {
        this.sizes = sizes;
    }

    public List<String> getArchitectures() {
        return architectures;
    }

    public void setArchitectures(List<String> architectures) {
        this.architectures = architectures;
    }

    public List<String> getCapacityTypes() {
        return capacityTypes;
    }

    public void setCapacityTypes(List<String> capacityTypes) {
        this.capacityTypes = capacityTypes;
    }

    public String getBootDelay() {
        return bootDelay;
    }

    public void setBootDelay(String bootDelay) {
        this.bootDelay = bootDelay;
    }

    public CatalogConfigMapReference getCatalogConfigMapRef() {
        return catalogConfigMapRef;
    }

    public void setCatalogConfigMapRef(CatalogConfigMapReference catalogConfigMapRef) {
        this.catalogConfigMapRef = catalogConfigMapRef;
    }

    public Boolean getMarkSimulated() {
        return markSimulated;
    }

    public void setMarkSimulated(Boolean markSimulated) {
        this.markSimulated = markSimulated;
    }

    /** False only when the class opts out explicitly. */
    public boolean marksSimulated() {
        return !Boolean.FALSE.equals(markSimulated);
    }
}
