package dev.ebbflow.crds.karpenter;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields a NodePool's {@code template.spec} and a NodeClaim's {@code spec} share. The two differ
 * in their requirements' validation (a NodePool may not constrain {@code karpenter.sh/nodepool}, a
 * NodeClaim carries it) and a NodeClaim adds resource requests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class NodeClaimSpecBase {

    public static final String DEFAULT_EXPIRE_AFTER = "720h";
    /**
     * Bounds the taint lists so that the API server can cost their CEL rule within its budget (Karpenter checks
     * the effect with an enum and sets no bound; 100 is the bound it gives requirements).
     */
    static final long MAX_TAINTS = 100;
    static final String TAINT_EFFECTS_RULE = "self.all(t, t.effect in ['NoSchedule', 'PreferNoSchedule', 'NoExecute'])";
    static final String TAINT_EFFECTS_MESSAGE = "taint effect must be one of NoSchedule, PreferNoSchedule, NoExecute";

    @Required
    private NodeClassReference nodeClassRef;

    @Size(max = MAX_TAINTS)
    @ValidationRule(value = TAINT_EFFECTS_RULE, message = TAINT_EFFECTS_MESSAGE)
    private List<Taint> taints;

    @Size(max = MAX_TAINTS)
    @ValidationRule(value = TAINT_EFFECTS_RULE, message = TAINT_EFFECTS_MESSAGE)
    private List<Taint> startupTaints;

    @Default(DEFAULT_EXPIRE_AFTER)
    @Pattern("^(([0-9]+(s|m|h))+|Never)$")
    private String expireAfter = DEFAULT_EXPIRE_AFTER;

    @Pattern("^([0-9]+(s|m|h))+$")
    private String terminationGracePeriod;

    public abstract List<NodeSelectorRequirementWithMinValues> getRequirements();

    public abstract void setRequirements(List<NodeSelectorRequirementWithMinValues> requirements);

    public NodeClassReference getNodeClassRef() {
        return nodeClassRef;
    }

    public void setNodeClassRef(NodeClassReference nodeClassRef) {
        this.nodeClassRef = nodeClassRef;
    }

    public List<Taint> getTaints() {
        return taints;
    }

    public void setTaints(List<Taint> taints) {
        this.taints = taints;
    }

    public List<Taint> getStartupTaints() {
        return startupTaints;
    }

    public void setStartupTaints(List<Taint> startupTaints) {
        this.startupTaints = startupTaints;
    }

    public String getExpireAfter() {
        return expireAfter;
    }

    public void setExpireAfter(String expireAfter) {
        this.expireAfter = expireAfter;
    }

    public String getTerminationGracePeriod() {
        return terminationGracePeriod;
    }

    public void setTerminationGracePeriod(String terminationGracePeriod) {
        this.terminationGracePeriod = terminationGracePeriod;
    }

    /** Copies the shared fields into another spec (a NodePool template becoming a NodeClaim). */
    protected void copyBaseInto(NodeClaimSpecBase target) {
        target.setNodeClassRef(nodeClassRef == null ? null
                : new NodeClassReference(nodeClassRef.getGroup(), nodeClassRef.getKind(), nodeClassRef.getName()));
        target.setTaints(taints == null ? null : new ArrayList<>(taints));
        target.setStartupTaints(startupTaints == null ? null : new ArrayList<>(startupTaints));
        target.setExpireAfter(expireAfter);
        target.setTerminationGracePeriod(terminationGracePeriod);
        List<NodeSelectorRequirementWithMinValues> copy = new ArrayList<>();
        if (getRequirements() != null) {
            for (NodeSelectorRequirementWithMinValues r : getRequirements()) {
                NodeSelectorRequirementWithMinValues c = new NodeSelectorRequirementWithMinValues(r.getKey(), r.getOperator(), r.getValues());
                c.setMinValues(r.getMinValues());
                copy.add(c);
            }
        }
        target.setRequirements(copy);
    }
}
