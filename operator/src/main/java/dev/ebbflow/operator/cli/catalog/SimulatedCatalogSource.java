package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCatalogs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The catalog a SimulatedNodeClass manifest ({@code --node-class}) generates: its families, sizes,
 * architectures, zones and capacity types, priced as the simulated cloud prices them.
 */
final class SimulatedCatalogSource implements CatalogSource {

    static final String NODE_CLASS_OPTION = "--node-class";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Override
    public List<InstanceType> instanceTypes(CatalogExportOptions options) throws CatalogExportException {
        Path file = options.nodeClass().orElseThrow(() -> new CatalogExportException(NODE_CLASS_OPTION,
                "required with --cloud simulated: a " + SimulatedNodeClass.KIND + " manifest whose catalog to export"));
        SimulatedNodeClass nodeClass = read(file);
        if (nodeClass.getSpec().getCatalogConfigMapRef() != null) {
            throw new CatalogExportException(NODE_CLASS_OPTION, file + ": spec.catalogConfigMapRef names a catalog that is already a file "
                    + "in ConfigMap " + nodeClass.getSpec().getCatalogConfigMapRef().getNamespace() + "/"
                    + nodeClass.getSpec().getCatalogConfigMapRef().getName() + "; only generated catalogs are exported");
        }
        try {
            return SimulatedCatalogs.generated(nodeClass);
        } catch (NodeClassNotReadyException e) {
            throw new CatalogExportException(NODE_CLASS_OPTION, file + ": " + e.getMessage());
        }
    }

    private static SimulatedNodeClass read(Path file) throws CatalogExportException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CatalogExportException(NODE_CLASS_OPTION, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        GenericKubernetesResource object;
        try {
            object = SERIALIZATION.unmarshal(text, GenericKubernetesResource.class);
        } catch (RuntimeException e) {
            throw new CatalogExportException(NODE_CLASS_OPTION, file + " is not a Kubernetes manifest: " + firstLine(e.getMessage()));
        }
        String expected = HasMetadata.getApiVersion(SimulatedNodeClass.class) + " " + SimulatedNodeClass.KIND;
        String found = object == null ? "nothing" : object.getApiVersion() + " " + object.getKind();
        if (!expected.equals(found)) {
            throw new CatalogExportException(NODE_CLASS_OPTION, file + " holds " + found + ", not a " + expected);
        }
        SimulatedNodeClass nodeClass;
        try {
            nodeClass = SERIALIZATION.unmarshal(text, SimulatedNodeClass.class);
        } catch (RuntimeException e) {
            throw new CatalogExportException(NODE_CLASS_OPTION, file + ": " + firstLine(e.getMessage()));
        }
        if (nodeClass.getMetadata() == null || nodeClass.getMetadata().getName() == null || nodeClass.getSpec() == null) {
            throw new CatalogExportException(NODE_CLASS_OPTION, file + ": metadata.name and spec are required");
        }
        return nodeClass;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
