package dev.ebbflow.crds.simulated;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One generated instance family: a name and how many GiB of memory it has per vCPU. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InstanceFamily {

    @Required
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String name;

    @Required
    @Min(1)
    private Integer memoryGiBPerVCpu;

    public InstanceFamily() {
    }

    public InstanceFamily(String name, int memoryGiBPerVCpu) {
        this.name = name;
        this.memoryGiBPerVCpu = memoryGiBPerVCpu;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Integer getMemoryGiBPerVCpu() {
        return memoryGiBPerVCpu;
    }

    public void setMemoryGiBPerVCpu(Integer memoryGiBPerVCpu) {
        this.memoryGiBPerVCpu = memoryGiBPerVCpu;
    }
}
