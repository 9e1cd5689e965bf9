package dev.ebbflow.operator.simulate.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebbflow.crds.karpenter.Budget;
import dev.ebbflow.crds.karpenter.Disruption;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.operator.simulate.scenario.Durations;
import dev.ebbflow.operator.simulate.scenario.Manifest;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.RequirementParser;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.Taint;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NodePool of the scenario, in the form the scheduling core takes ({@link PoolTemplate}) plus what
 * emptiness removal needs: its consolidation policy, {@code consolidateAfter} and budgets.
 */
final class NodePoolModel {

    static final long NEVER = Long.MAX_VALUE;

    final String name;
    final PoolTemplate unlimited;
    final Map<String, Long> limitsMilli;
    final long consolidateAfterMs;
    final List<String> budgetNodes;
    final long bootMs;

    private NodePoolModel(String name, PoolTemplate unlimited, Map<String, Long> limitsMilli, long consolidateAfterMs,
            List<String> budgetNodes, long bootMs) {
        this.name = name;
        this.unlimited = unlimited;
        this.limitsMilli = limitsMilli;
        this.consolidateAfterMs = consolidateAfterMs;
        this.budgetNodes = budgetNodes;
        this.bootMs = bootMs;
    }

    static NodePoolModel read(Manifest m, NodePool pool, List<InstanceType> types, long bootMs, ObjectMapper json) {
        var templateSpec = pool.getSpec().getTemplate().getSpec();
        List<Map<String, Object>> rawRequirements = json.convertValue(m.body().path("spec").path("template").path("spec").path("requirements"),
                new TypeReference<List<Map<String, Object>>>() { });
        Requirements requirements;
        try {
            requirements = Requirements.of(RequirementParser.parse(rawRequirements, "spec.template.spec.requirements"));
        } catch (InvalidInputException e) {
            throw m.field(e.field()).error(e.getMessage().substring(e.field().length() + 2));
        }
        Map<String, String> labels = pool.getSpec().getTemplate().getMetadata() == null || pool.getSpec().getTemplate().getMetadata().getLabels() == null
                ? Map.of() : pool.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, Long> limits = new LinkedHashMap<>();
        if (pool.getSpec().getLimits() != null) {
            for (Map.Entry<String, Quantity> e : pool.getSpec().getLimits().entrySet()) {
                long milli;
                try {
                    milli = ResourceList.parseMilli(e.getValue().getAmount() + (e.getValue().getFormat() == null ? "" : e.getValue().getFormat()));
                } catch (IllegalArgumentException ex) {
                    throw m.field("spec.limits." + e.getKey()).error(ex.getMessage());
                }
                if (milli < 0) {
                    throw m.field("spec.limits." + e.getKey()).error("must not be negative, got " + e.getValue());
                }
                limits.put(e.getKey(), milli);
            }
        }
        int weight = pool.getSpec().getWeight() == null ? 0 : pool.getSpec().getWeight();
        PoolTemplate template = new PoolTemplate(m.name(), weight, requirements, labels, taints(templateSpec.getTaints()),
                taints(templateSpec.getStartupTaints()), null, null, null, ResourceList.EMPTY, types);
        Disruption d = pool.getSpec().getDisruption() == null ? new Disruption() : pool.getSpec().getDisruption();
        long consolidateAfter = NEVER;
        String policy = d.getConsolidationPolicy();
        if (!"WhenEmpty".equals(policy) && !"WhenEmptyOrUnderutilized".equals(policy)) {
            throw m.field("spec.disruption.consolidationPolicy").error("must be WhenEmpty or WhenEmptyOrUnderutilized, got '" + policy + "'");
        }
        String after = d.getConsolidateAfter() == null ? Disruption.DEFAULT_CONSOLIDATE_AFTER : d.getConsolidateAfter();
        if (!"Never".equals(after)) {
            try {
                consolidateAfter = Durations.parse(after).toMillis();
            } catch (IllegalArgumentException e) {
                throw m.field("spec.disruption.consolidateAfter").error(e.getMessage());
            }
        }
        List<String> budgets = new ArrayList<>();
        List<Budget> list = d.getBudgets() == null ? List.of(new Budget(Budget.DEFAULT_NODES)) : d.getBudgets();
        for (int i = 0; i < list.size(); i++) {
            Budget b = list.get(i);
            String nodes = b.getNodes() == null ? Budget.DEFAULT_NODES : b.getNodes();
            if (!nodes.matches("((100|[0-9]{1,2})%|[0-9]+)")) {
                throw m.field("spec.disruption.budgets").error("[" + i + "].nodes must be a count or a percentage, got '" + nodes + "'");
            }
            // Scheduled budgets open windows at cron times; the simulator applies only the always-on ones.
            if (b.getSchedule() == null && (b.getReasons() == null || b.getReasons().contains("Empty"))) {
                budgets.add(nodes);
            }
        }
        return new NodePoolModel(m.name(), template, Map.copyOf(limits), consolidateAfter, List.copyOf(budgets), bootMs);
    }

    private static List<Taint> taints(List<io.fabric8.kubernetes.api.model.Taint> taints) {
        if (taints == null) {
            return List.of();
        }
        return taints.stream().map(t -> new Taint(t.getKey(), t.getValue() == null ? "" : t.getValue(), t.getEffect())).toList();
    }

    /** The pool for one scheduling run, with what its limits still allow given its current nodes. */
    PoolTemplate template(List<SimNode> poolNodes) {
        if (limitsMilli.isEmpty()) {
            return unlimited;
        }
        long cpu = 0;
        long memory = 0;
        for (SimNode n : poolNodes) {
            cpu += n.capacity.milli(ResourceList.CPU);
            memory += n.capacity.milli(ResourceList.MEMORY);
        }
        Long remainingCpu = remaining(ResourceList.CPU, cpu);
        Long remainingMemory = remaining(ResourceList.MEMORY, memory);
        Long remainingNodes = remaining("nodes", poolNodes.size() * 1000L);
        return unlimited.withLimits(remainingCpu, remainingMemory, remainingNodes == null ? null : remainingNodes / 1000);
    }

    private Long remaining(String resource, long used) {
        Long limit = limitsMilli.get(resource);
        return limit == null ? null : Math.max(0, limit - used);
    }

    boolean removesEmptyNodes() {
        return consolidateAfterMs != NEVER;
    }

    /** How many of the pool's nodes may be disrupted at once: the strictest always-on budget, percentages rounded up. */
    int disruptionsAllowed(int poolNodes) {
        int allowed = Integer.MAX_VALUE;
        for (String b : budgetNodes) {
            int n = b.endsWith("%")
                    ? (int) Math.ceil(poolNodes * Integer.parseInt(b.substring(0, b.length() - 1)) / 100.0)
                    : Integer.parseInt(b);
            allowed = Math.min(allowed, n);
        }
        return allowed;
    }
}
