package dev.ebbflow.crds.karpenter.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** Capacity reservations with all these tags (of an owner account), or the one with this id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CapacityReservationSelectorTerm {

    @Size(max = 20)
    @ValidationRule(value = SelectorTags.RULE, message = SelectorTags.MESSAGE)
    private Map<String, String> tags;

    @Pattern("^cr-[0-9a-z]+$")
    private String id;

    @Pattern("^[0-9]{12}$")
    private String ownerID;

    public Map<String, String> getTags() {
        return tags;
    }

    public void setTags(Map<String, String> tags) {
        this.tags = tags;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getOwnerID() {
        return ownerID;
    }

    public void setOwnerID(String ownerID) {
        this.ownerID = ownerID;
    }
}
