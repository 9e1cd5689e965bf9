package dev.ebbflow.provisioner.cloud.simulated;

import dev.ebbflow.crds.simulated.CatalogConfigMapReference;
import dev.ebbflow.crds.simulated.InstanceFamily;
import dev.ebbflow.crds.simulated.SimulatedNodeClass;
import dev.ebbflow.crds.simulated.SimulatedNodeClassSpec;
import dev.ebbflow.provisioner.catalog.CatalogFormatException;
import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.KwokStyleCatalogGenerator;
import dev.ebbflow.provisioner.catalog.KwokStyleCatalogGenerator.Family;
import dev.ebbflow.provisioner.catalog.KwokStyleCatalogGenerator.Options;
import dev.ebbflow.provisioner.cloud.NodeClassNotReadyException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The instance types a SimulatedNodeClass offers: generated from its fields, or read from its ConfigMap. */
public final class SimulatedCatalogs {

    private final KubernetesClient client;

    public SimulatedCatalogs(KubernetesClient client) {
        this.client = client;
    }

    public List<InstanceType> instanceTypes(SimulatedNodeClass nodeClass) throws NodeClassNotReadyException {
        SimulatedNodeClassSpec spec = nodeClass.getSpec();
        String name = SimulatedNodeClass.KIND + " " + nodeClass.getMetadata().getName();
        if (spec.getCatalogConfigMapRef() != null) {
            return fromConfigMap(name, spec.getCatalogConfigMapRef());
        }
        return generate(name, spec);
    }

    /**
     * The catalog a class without {@code spec.catalogConfigMapRef} generates, read without a cluster
     * (for {@code ebbflow catalog export}).
     */
    public static List<InstanceType> generated(SimulatedNodeClass nodeClass) throws NodeClassNotReadyException {
        return generate(SimulatedNodeClass.KIND + " " + nodeClass.getMetadata().getName(), nodeClass.getSpec());
    }

    /** The generator's options with every list the class sets replacing the default. */
    static Options options(String name, SimulatedNodeClassSpec spec) throws NodeClassNotReadyException {
        Options options = Options.defaults();
        options = narrow(name, "spec.zones", spec.getZones(), options, o -> o.withZones(spec.getZones()));
        options = narrow(name, "spec.sizes", spec.getSizes(), options, o -> o.withSizes(spec.getSizes()));
        options = narrow(name, "spec.architectures", spec.getArchitectures(), options, o -> o.withArchitectures(spec.getArchitectures()));
        options = narrow(name, "spec.capacityTypes", spec.getCapacityTypes(), options, o -> o.withCapacityTypes(spec.getCapacityTypes()));
        if (spec.getInstanceFamilies() != null && !spec.getInstanceFamilies().isEmpty()) {
            List<Family> families = new ArrayList<>();
            for (int i = 0; i < spec.getInstanceFamilies().size(); i++) {
                InstanceFamily f = spec.getInstanceFamilies().get(i);
                try {
                    families.add(new Family(f.getName(), f.getMemoryGiBPerVCpu() == null ? 0 : f.getMemoryGiBPerVCpu()));
                } catch (IllegalArgumentException e) {
                    throw new NodeClassNotReadyException(name, "spec.instanceFamilies[" + i + "]", e.getMessage());
                }
            }
            options = options.withFamilies(families);
        }
        return options;
    }

    private static List<InstanceType> generate(String name, SimulatedNodeClassSpec spec) throws NodeClassNotReadyException {
        return KwokStyleCatalogGenerator.generate(options(name, spec));
    }

    private static Options narrow(String name, String field, List<?> values, Options options, UnaryOperator<Options> with)
            throws NodeClassNotReadyException {
        if (values == null || values.isEmpty()) {
            return options;
        }
        try {
            return with.apply(options);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NodeClassNotReadyException(name, field, String.valueOf(e.getMessage()));
        }
    }

    private List<InstanceType> fromConfigMap(String name, CatalogConfigMapReference ref) throws NodeClassNotReadyException {
        ConfigMap cm = client.configMaps().inNamespace(ref.getNamespace()).withName(ref.getName()).get();
        if (cm == null) {
            throw new NodeClassNotReadyException(name, "spec.catalogConfigMapRef",
                    "ConfigMap " + ref.getNamespace() + "/" + ref.getName() + " not found");
        }
        String key = ref.getKey() == null ? CatalogConfigMapReference.DEFAULT_KEY : ref.getKey();
        String text = cm.getData() == null ? null : cm.getData().get(key);
        if (text == null) {
            throw new NodeClassNotReadyException(name, "spec.catalogConfigMapRef.key",
                    "ConfigMap " + ref.getNamespace() + "/" + ref.getName() + " has no key '" + key + "'");
        }
        try {
            return CatalogReader.read("ConfigMap " + ref.getNamespace() + "/" + ref.getName() + " key " + key, text);
        } catch (CatalogFormatException e) {
            throw new NodeClassNotReadyException(name, "spec.catalogConfigMapRef", e.getMessage());
        }
    }
}
