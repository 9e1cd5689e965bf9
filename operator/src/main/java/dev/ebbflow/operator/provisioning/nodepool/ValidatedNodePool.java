package dev.ebbflow.operator.provisioning.nodepool;

import dev.ebbflow.crds.karpenter.KarpenterLabels;
import dev.ebbflow.crds.karpenter.NodeClaimTemplateSpec;
import dev.ebbflow.crds.karpenter.NodeClassReference;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.crds.karpenter.NodeSelectorRequirementWithMinValues;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.Requirement;
import dev.ebbflow.provisioner.scheduling.RequirementParser;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A NodePool read into the scheduling core's terms, or the list of what is wrong with it, each
 * problem naming its field. Checks what the CRD's schema and CEL rules would have refused on a real
 * API server (a client may bypass them, and the mock server has none) plus what only the operator
 * can judge: requirements that contradict each other.
 */
public record ValidatedNodePool(
        String name,
        int weight,
        Requirements requirements,
        Map<String, String> labels,
        List<Taint> taints,
        List<Taint> startupTaints,
        NodePoolLimits limits) {

    static final String REQUIREMENTS_FIELD = "spec.template.spec.requirements";
    private static final Set<String> EFFECTS = Set.of(Taint.NO_SCHEDULE, Taint.PREFER_NO_SCHEDULE, Taint.NO_EXECUTE);
    private static final Set<String> RESTRICTED_LABELS = Set.of(KarpenterLabels.NODE_POOL, KarpenterLabels.HOSTNAME);

    public ValidatedNodePool {
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        startupTaints = List.copyOf(startupTaints);
    }

    /** The outcome of {@link #check}: the pool, or its problems (never both). */
    public record Result(ValidatedNodePool pool, List<FieldProblem> problems) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        /** All problems in one line, for a condition message or an Event. */
        public String message() {
            return String.join("; ", problems.stream().map(FieldProblem::toString).toList());
        }
    }

    public static Result check(NodePool pool) {
        List<FieldProblem> problems = new ArrayList<>();
        NodeClaimTemplateSpec spec = pool.getSpec() == null || pool.getSpec().getTemplate() == null ? null : pool.getSpec().getTemplate().getSpec();
        if (spec == null) {
            return new Result(null, List.of(new FieldProblem("spec.template.spec", "is required")));
        }
        checkNodeClassRef(spec.getNodeClassRef(), problems);
        Integer weight = pool.getSpec().getWeight();
        if (weight != null && (weight < 1 || weight > 100)) {
            problems.add(new FieldProblem("spec.weight", "must be between 1 and 100, got " + weight));
        }
        Requirements requirements = requirements(spec.getRequirements(), problems);
        List<Taint> taints = taints(spec.getTaints(), "spec.template.spec.taints", problems);
        List<Taint> startupTaints = taints(spec.getStartupTaints(), "spec.template.spec.startupTaints", problems);
        Map<String, String> labels = labels(pool, problems);
        NodePoolLimits limits = NodePoolLimits.of(pool, problems);
        if (!problems.isEmpty()) {
            return new Result(null, problems);
        }
        return new Result(new ValidatedNodePool(pool.getMetadata().getName(), pool.effectiveWeight(), requirements, labels,
                taints, startupTaints, limits), List.of());
    }

    private static void checkNodeClassRef(NodeClassReference ref, List<FieldProblem> problems) {
        String field = "spec.template.spec.nodeClassRef";
        if (ref == null) {
            problems.add(new FieldProblem(field, "is required"));
            return;
        }
        if (blank(ref.getGroup())) {
            problems.add(new FieldProblem(field + ".group", "must not be empty"));
        }
        if (blank(ref.getKind())) {
            problems.add(new FieldProblem(field + ".kind", "must not be empty"));
        }
        if (blank(ref.getName())) {
            problems.add(new FieldProblem(field + ".name", "must not be empty"));
        }
    }

    private static Requirements requirements(List<NodeSelectorRequirementWithMinValues> raw, List<FieldProblem> problems) {
        if (raw == null || raw.isEmpty()) {
            return Requirements.NONE;
        }
        List<Map<String, Object>> maps = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            NodeSelectorRequirementWithMinValues r = raw.get(i);
            if (r != null && KarpenterLabels.NODE_POOL.equals(r.getKey())) {
                problems.add(new FieldProblem(REQUIREMENTS_FIELD + "[" + i + "].key", "label \"karpenter.sh/nodepool\" is restricted"));
                return Requirements.NONE;
            }
            maps.add(r == null ? null : asMap(r));
        }
        try {
            List<Requirement> parsed = RequirementParser.parse(maps, REQUIREMENTS_FIELD);
            Requirements requirements = Requirements.of(parsed);
            String contradiction = requirements.contradiction();
            if (contradiction != null) {
                problems.add(new FieldProblem(REQUIREMENTS_FIELD, contradiction));
            }
            return requirements;
        } catch (InvalidInputException e) {
            problems.add(new FieldProblem(e.field(), e.getMessage().substring(e.field().length() + 2)));
            return Requirements.NONE;
        }
    }

    private static Map<String, Object> asMap(NodeSelectorRequirementWithMinValues r) {
        Map<String, Object> m = new HashMap<>();
        m.put("key", r.getKey());
        m.put("operator", r.getOperator());
        m.put("values", r.getValues());
        m.put("minValues", r.getMinValues());
        return m;
    }

    private static List<Taint> taints(List<io.fabric8.kubernetes.api.model.Taint> raw, String field, List<FieldProblem> problems) {
        List<Taint> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (int i = 0; i < raw.size(); i++) {
            io.fabric8.kubernetes.api.model.Taint t = raw.get(i);
            String f = field + "[" + i + "]";
            if (t == null || blank(t.getKey())) {
                problems.add(new FieldProblem(f + ".key", "must not be empty"));
                continue;
            }
            if (!EFFECTS.contains(t.getEffect())) {
                problems.add(new FieldProblem(f + ".effect", "must be one of NoSchedule, PreferNoSchedule, NoExecute, got '" + t.getEffect() + "'"));
                continue;
            }
            out.add(new Taint(t.getKey(), t.getValue(), t.getEffect()));
        }
        return out;
    }

    private static Map<String, String> labels(NodePool pool, List<FieldProblem> problems) {
        var metadata = pool.getSpec().getTemplate().getMetadata();
        if (metadata == null || metadata.getLabels() == null) {
            return Map.of();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        metadata.getLabels().forEach((k, v) -> {
            if (RESTRICTED_LABELS.contains(k)) {
                problems.add(new FieldProblem("spec.template.metadata.labels[" + k + "]", "label \"" + k + "\" is restricted"));
            } else {
                labels.put(k, v == null ? "" : v);
            }
        });
        return labels;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
