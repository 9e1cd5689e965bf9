package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.operator.provisioning.nodepool.FieldProblem;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.scheduling.Taint;
import java.util.List;

/**
 * What the cloud answered for one NodePool's nodeClassRef: its instance types and the taints its
 * NodeClass puts on every Node, or why there are none and whether that is because the NodeClass (or a
 * cloud serving its kind) does not exist at all.
 */
public record PoolCatalog(List<InstanceType> instanceTypes, List<Taint> nodeClassTaints, FieldProblem problem, boolean nodeClassFound) {

    public PoolCatalog {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
        nodeClassTaints = nodeClassTaints == null ? List.of() : List.copyOf(nodeClassTaints);
    }

    public static PoolCatalog of(List<InstanceType> types) {
        return of(types, List.of());
    }

    public static PoolCatalog of(List<InstanceType> types, List<Taint> nodeClassTaints) {
        return new PoolCatalog(types, nodeClassTaints, null, true);
    }

    public static PoolCatalog notFound(String field, String problem) {
        return new PoolCatalog(List.of(), List.of(), new FieldProblem(field, problem), false);
    }

    public static PoolCatalog notReady(String field, String problem) {
        return new PoolCatalog(List.of(), List.of(), new FieldProblem(field, problem), true);
    }

    public boolean ok() {
        return problem == null;
    }
}
