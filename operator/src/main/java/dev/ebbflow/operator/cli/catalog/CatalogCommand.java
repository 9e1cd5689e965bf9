package dev.ebbflow.operator.cli.catalog;

import picocli.CommandLine.Command;

/** {@code ebbflow catalog}: instance-type catalogs. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Instance-type catalogs in Ebbflow's catalog file format.",
        subcommands = ExportCatalogCommand.class)
public final class CatalogCommand {
}
