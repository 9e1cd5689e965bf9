package dev.ebbflow.provisioner.ahead;

import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.LabelSelector;
import dev.ebbflow.provisioner.scheduling.Operator;
import dev.ebbflow.provisioner.scheduling.Requirement;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which pods belong to a workload: those of its namespace its {@code spec.selector} matches, as the HPA counts them. */
public final class WorkloadPods {

    private WorkloadPods() {
    }

    /**
     * A workload's {@code spec.selector}. A workload without one matches no pod: the API server requires it
     * for Deployments and StatefulSets, so it is missing only on objects nobody can scale anyway.
     *
     * @throws InvalidInputException naming the field of an expression that cannot be read
     */
    public static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return LabelSelector.NOTHING;
        }
        List<Requirement> expressions = new ArrayList<>();
        List<LabelSelectorRequirement> raw = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < raw.size(); i++) {
            String field = "spec.selector.matchExpressions[" + i + "]";
            LabelSelectorRequirement e = raw.get(i);
            expressions.add(Requirement.validated(e.getKey(), Operator.parse(e.getOperator(), field + ".operator"), e.getValues(), null, field));
        }
        return LabelSelector.of(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels(), expressions);
    }

    /** The workload's pods that exist or are about to run: pending or bound, not finished and not being deleted. */
    public static int live(String namespace, LabelSelector selector, List<Pod> pods) {
        int n = 0;
        for (Pod pod : pods) {
            if (pod.getMetadata() == null || !namespace.equals(pod.getMetadata().getNamespace()) || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            if (selector.matches(pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels())) {
                n++;
            }
        }
        return n;
    }
}
