package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.GoDurations;
import dev.ebbflow.crds.karpenter.NodePool;
import dev.ebbflow.provisioner.disruption.DisruptionSettings;
import dev.ebbflow.operator.provisioning.nodepool.FieldProblem;
import dev.ebbflow.operator.provisioning.nodepool.NodePoolUsage;
import dev.ebbflow.operator.provisioning.nodepool.PoolTemplates;
import dev.ebbflow.operator.provisioning.nodepool.ValidatedNodePool;
import dev.ebbflow.operator.simulate.scenario.Manifest;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.ResourceList;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedReservations;
import dev.ebbflow.provisioner.scheduling.InvalidInputException;
import dev.ebbflow.provisioner.scheduling.PoolTemplate;
import dev.ebbflow.provisioner.scheduling.Requirements;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.List;
import java.util.Map;

/**
 * One NodePool of the scenario, read by the operator's own {@link ValidatedNodePool} and
 * {@link DisruptionSettings}, so that it packs and empties exactly as it would in a cluster; what the
 * simulator adds is its instance types and how long its nodes take to boot.
 */
final class NodePoolModel {

    final String name;
    /** As written: what its claims are made from ({@code NodeClaims.of}) and what drift compares them with. */
    final NodePool nodePool;
    final ValidatedNodePool pool;
    final List<InstanceType> types;
    /** What the pool's NodeClass adds to each node: the simulated cloud's mark, when it is one that marks. */
    final Map<String, String> classLabels;
    final List<Taint> classTaints;
    final DisruptionSettings disruption;
    final long bootMs;

    private final Requirements nodeRequirements;

    private NodePoolModel(NodePool nodePool, ValidatedNodePool pool, List<InstanceType> types, Map<String, String> classLabels,
                          List<Taint> classTaints, DisruptionSettings disruption, long bootMs) {
        this.name = pool.name();
        this.nodePool = nodePool;
        this.pool = pool;
        this.types = List.copyOf(types);
        this.classLabels = Map.copyOf(classLabels);
        this.classTaints = List.copyOf(classTaints);
        this.disruption = disruption;
        this.bootMs = bootMs;
        this.nodeRequirements = template(List.of()).nodeRequirements();
    }

    /** @throws dev.ebbflow.operator.simulate.scenario.ScenarioException naming the manifest's first field at fault */
    static NodePoolModel read(Manifest m, NodePool nodePool, List<InstanceType> types, Map<String, String> classLabels,
                              List<Taint> classTaints, long bootMs) {
        ValidatedNodePool.Result checked = ValidatedNodePool.check(nodePool);
        if (!checked.valid()) {
            FieldProblem first = checked.problems().get(0);
            throw m.field(first.field()).error(first.problem());
        }
        DisruptionSettings disruption;
        try {
            disruption = DisruptionSettings.of(nodePool);
        } catch (InvalidInputException e) {
            throw m.field(e.field()).error(e.getMessage().substring(e.field().length() + 2));
        }
        String expireAfter = "spec.template.spec.expireAfter";
        try {
            String value = nodePool.getSpec().getTemplate().getSpec().getExpireAfter();
            if (value != null) {
                GoDurations.parse(value, expireAfter);
            }
        } catch (IllegalArgumentException e) {
            throw m.field(expireAfter).error(e.getMessage().substring(e.getMessage().startsWith(expireAfter + ": ") ? expireAfter.length() + 2 : 0));
        }
        return new NodePoolModel(nodePool, checked.pool(), types, classLabels, classTaints, disruption, bootMs);
    }

    /** What a node of the pool must satisfy now, template labels included: a node that no longer does has drifted. */
    Requirements nodeRequirements() {
        return nodeRequirements;
    }

    int weight() {
        return pool.weight();
    }

    /** The pool for one scheduling run, with what its limits still allow given its current nodes (booting ones included). */
    PoolTemplate template(List<SimNode> poolNodes) {
        return template(poolNodes, Map.of());
    }

    /** The same, each capacity reservation of its catalog reduced by the instances the cluster's nodes hold of it ({@code reserved}, by id). */
    PoolTemplate template(List<SimNode> poolNodes, Map<String, Integer> reserved) {
        ResourceList used = ResourceList.EMPTY;
        for (SimNode n : poolNodes) {
            used = used.plus(n.capacity);
        }
        List<InstanceType> offered = SimulatedReservations.any(types) ? SimulatedReservations.left(types, reserved) : types;
        return PoolTemplates.of(pool, offered, classTaints, new NodePoolUsage(used, used, poolNodes.size()), List.of());
    }
}
