package dev.ebbflow.operator.cli.catalog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ebbflow catalog export} was given besides the cloud and the output.
 *
 * @param nodeClass {@code --node-class}: a NodeClass manifest, for clouds whose catalog a NodeClass defines
 * @param aws {@code --aws-region}, {@code --aws-endpoint}
 */
public record CatalogExportOptions(Optional<Path> nodeClass, AwsCatalogOptions aws) {

    public CatalogExportOptions(Optional<Path> nodeClass) {
        this(nodeClass, new AwsCatalogOptions());
    }
}
