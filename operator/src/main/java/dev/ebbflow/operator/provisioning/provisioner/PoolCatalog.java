package dev.ebbflow.operator.provisioning.provisioner;

import dev.ebbflow.operator.provisioning.nodepool.FieldProblem;
import dev.ebbflow.provisioner.catalog.InstanceType;
import java.util.List;

/**
 * What the cloud answered for one NodePool's nodeClassRef: its instance types, or why there are none
 * and whether that is because the NodeClass (or a cloud serving its kind) does not exist at all.
 */
public record PoolCatalog(List<InstanceType> instanceTypes, FieldProblem problem, boolean nodeClassFound) {

    public PoolCatalog {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
    }

    public static PoolCatalog of(List<InstanceType> types) {
        return new PoolCatalog(types, null, true);
    }

    public static PoolCatalog notFound(String field, String problem) {
        return new PoolCatalog(List.of(), new FieldProblem(field, problem), false);
    }

    public static PoolCatalog notReady(String field, String problem) {
        return new PoolCatalog(List.of(), new FieldProblem(field, problem), true);
    }

    public boolean ok() {
        return problem == null;
    }
}
