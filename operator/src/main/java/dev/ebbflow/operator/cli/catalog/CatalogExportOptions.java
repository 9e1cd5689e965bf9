package dev.ebbflow.operator.cli.catalog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ebbflow catalog export} was given besides the cloud and the output.
 *
 * @param nodeClass {@code --node-class}: a NodeClass manifest, for clouds whose catalog a NodeClass defines
 * @param aws {@code --aws-region}, {@code --aws-endpoint}
 * @param azure {@code --azure-subscription-id}, {@code --azure-location}, the endpoints and the token
 */
public record CatalogExportOptions(Optional<Path> nodeClass, AwsCatalogOptions aws, AzureCatalogOptions azure) {

    public CatalogExportOptions(Optional<Path> nodeClass) {
        this(nodeClass, new AwsCatalogOptions(), new AzureCatalogOptions());
    }
}
