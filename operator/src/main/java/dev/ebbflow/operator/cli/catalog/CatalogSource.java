package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.provisioner.catalog.InstanceType;
import java.util.List;

/** Where one cloud's instance types come from, for {@code ebbflow catalog export --cloud <name>}. */
@FunctionalInterface
public interface CatalogSource {

    /**
     * @throws CatalogExportException naming the option at fault, when the types cannot be read
     */
    List<InstanceType> instanceTypes(CatalogExportOptions options) throws CatalogExportException;
}
