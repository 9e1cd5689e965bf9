package dev.ebbflow.operator.simulate.engine;

import dev.ebbflow.crds.simulated.CatalogConfigMapReference;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.crds.simulated.SimulatedNodeClassSpec;
import dev.ebbflow.operator.simulate.scenario.Manifest;
import dev.ebbflow.provisioner.catalog.CatalogFormatException;
import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCatalogs;
import java.util.List;
import java.util.Map;

/**
 * The instance types a SimulatedNodeClass offers, as the simulated cloud computes them: generated
 * from the class's lists, or read from the catalog ConfigMap it names (found among the scenario's
 * manifests rather than on a cluster).
 */
final class NodeClassCatalogs {

    /** The client is only read for catalogConfigMapRef, which {@link #of} resolves from the scenario itself. */
    private static final SimulatedCatalogs GENERATOR = new SimulatedCatalogs(null);

    private NodeClassCatalogs() {
    }

    static List<InstanceType> of(Manifest manifest, SimulatedNodeClass nodeClass, Map<String, Manifest> configMaps) {
        if (nodeClass.getSpec() == null) {
            nodeClass.setSpec(new SimulatedNodeClassSpec());
        }
        CatalogConfigMapReference ref = nodeClass.getSpec().getCatalogConfigMapRef();
        if (ref != null) {
            Manifest cm = configMaps.get(ref.getNamespace() + "/" + ref.getName());
            if (cm == null) {
                throw manifest.field("spec.catalogConfigMapRef.name").error("no ConfigMap '" + ref.getName() + "' in namespace '"
                        + ref.getNamespace() + "' among the scenario's manifests");
            }
            String key = ref.getKey() == null ? CatalogConfigMapReference.DEFAULT_KEY : ref.getKey();
            String text = cm.body().path("data").path(key).asText(null);
            if (text == null) {
                throw manifest.field("spec.catalogConfigMapRef.key").error("ConfigMap '" + ref.getName() + "' has no key '" + key + "'");
            }
            try {
                return CatalogReader.read(cm.source().file() + " (ConfigMap " + ref.getName() + ", key " + key + ")", text);
            } catch (CatalogFormatException e) {
                throw cm.field("data").error(e.getMessage());
            }
        }
        try {
            return GENERATOR.instanceTypes(nodeClass);
        } catch (NodeClassNotReadyException e) {
            throw manifest.field(e.fieldPath()).error(e.getMessage().substring(e.getMessage().lastIndexOf(": ") + 2));
        }
    }
}
