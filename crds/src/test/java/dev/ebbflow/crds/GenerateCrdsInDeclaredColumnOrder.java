package dev.ebbflow.crds;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Build step (crds/pom.xml runs it after test-compile): generates the CRDs of the given classes
 * again, over the crd-generator plugin's output, with the printer columns in the order the
 * {@code @AdditionalPrinterColumn} annotations are declared. The generator sorts them by JSON
 * path, but `kubectl get` must show the columns in KEDA's and Karpenter's order.
 *
 * <p>Arguments: the output directory, then the CustomResource class names.
 */
public final class GenerateCrdsInDeclaredColumnOrder {

    private GenerateCrdsInDeclaredColumnOrder() {
    }

    public static void main(String[] args) throws ClassNotFoundException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: <output dir> <CustomResource class>...");
        }
        List<Class<? extends HasMetadata>> classes = new ArrayList<>();
        Map<String, List<String>> columnOrderByGroupKind = new HashMap<>();
        for (String name : Arrays.asList(args).subList(1, args.length)) {
            Class<? extends HasMetadata> type = Class.forName(name).asSubclass(HasMetadata.class);
            classes.add(type);
            columnOrderByGroupKind.put(HasMetadata.getGroup(type) + "/" + HasMetadata.getKind(type), declaredColumns(type));
        }
        new CRDGenerator()
                .customResourceClasses(classes)
                .forCRDVersions("v1")
                .inOutputDir(new File(args[0]))
                .withPostProcessor(new CRDPostProcessor() {
                    @Override
                    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                        orderColumns((CustomResourceDefinition) crd, columnOrderByGroupKind);
                        return crd;
                    }
                })
                .generate();
    }

    static List<String> declaredColumns(Class<?> type) {
        return Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class)).map(AdditionalPrinterColumn::name).toList();
    }

    static void orderColumns(CustomResourceDefinition crd, Map<String, List<String>> columnOrderByGroupKind) {
        List<String> order = columnOrderByGroupKind.get(crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getKind());
        if (order == null) {
            return;
        }
        // Columns from field annotations are not in the declared list; the stable sort keeps them last.
        Comparator<CustomResourceColumnDefinition> declared = Comparator.comparingInt(c -> {
            int index = order.indexOf(c.getName());
            return index < 0 ? Integer.MAX_VALUE : index;
        });
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            if (version.getAdditionalPrinterColumns() != null) {
                List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
                columns.sort(declared);
                version.setAdditionalPrinterColumns(columns);
            }
        }
    }
}
