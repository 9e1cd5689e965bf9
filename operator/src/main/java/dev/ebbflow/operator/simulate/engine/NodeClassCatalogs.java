package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClassSpec;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.KwokStyleCatalogGenerator;
import dev.ebbflow.provisioner.catalog.KwokStyleCatalogGenerator.Family;
import dev.ebbflow.provisioner.catalog.KwokStyleCatalogGenerator.Options;
import java.util.List;

/** The instance types a SimulatedNodeClass generates: the KWOK-style generator, narrowed by the class's lists. */
final class NodeClassCatalogs {

    private NodeClassCatalogs() {
    }

    static List<InstanceType> generate(SimulatedNodeClassSpec spec) {
        Options o = Options.defaults();
        if (spec.getInstanceFamilies() != null && !spec.getInstanceFamilies().isEmpty()) {
            o = o.withFamilies(spec.getInstanceFamilies().stream().map(NodeClassCatalogs::family).toList());
        }
        if (spec.getSizes() != null && !spec.getSizes().isEmpty()) {
            o = o.withSizes(spec.getSizes());
        }
        if (spec.getArchitectures() != null && !spec.getArchitectures().isEmpty()) {
            o = o.withArchitectures(spec.getArchitectures());
        }
        if (spec.getZones() != null && !spec.getZones().isEmpty()) {
            o = o.withZones(spec.getZones());
        }
        if (spec.getCapacityTypes() != null && !spec.getCapacityTypes().isEmpty()) {
            o = o.withCapacityTypes(spec.getCapacityTypes());
        }
        return KwokStyleCatalogGenerator.generate(o);
    }

    private static Family family(InstanceFamily f) {
        return new Family(f.getName(), f.getMemoryGiBPerVCpu() == null ? 4 : f.getMemoryGiBPerVCpu());
    }
}
