package dev.ebbflow.operator.cli.catalog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ebbflow catalog export} was given besides the cloud and the output.
 *
 * @param nodeClass {@code --node-class}: a NodeClass manifest, for clouds whose catalog a NodeClass defines
 */
public record CatalogExportOptions(Optional<Path> nodeClass) {
}
