package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.provisioner.catalog.CatalogWriter;
import dev.ebbflow.provisioner.catalog.InstanceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ebbflow catalog export --cloud <name> [--output FILE]}: writes a cloud's instance types in
 * the catalog file format. A bad option is one line on stderr naming it, and exit code 1.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a cloud's instance types (capacity, labels, offerings with prices) as a catalog file.")
public final class ExportCatalogCommand implements Callable<Integer> {

    @Option(names = "--cloud", required = true, paramLabel = "NAME",
            description = "The cloud whose catalog to export: ${COMPLETION-CANDIDATES}.", completionCandidates = CloudNames.class)
    String cloud;

    @Option(names = "--output", paramLabel = "FILE", description = "Where to write the catalog (default: standard output).")
    Path output;

    @Option(names = "--node-class", paramLabel = "FILE",
            description = "With --cloud simulated: a SimulatedNodeClass manifest; its generated catalog is exported.")
    Path nodeClass;

    @Mixin
    AwsCatalogOptions aws;

    @Mixin
    AzureCatalogOptions azure;

    @Spec
    CommandSpec spec;

    /** The cloud names, for the help text. */
    static final class CloudNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return CatalogSources.all().keySet().iterator();
        }
    }

    @Override
    public Integer call() {
        try {
            CatalogSource source = CatalogSources.find(cloud).orElseThrow(() -> new CatalogExportException("--cloud",
                    "unknown cloud '" + cloud + "' (known: " + String.join(", ", CatalogSources.all().keySet()) + ")"));
            List<InstanceType> types = source.instanceTypes(new CatalogExportOptions(Optional.ofNullable(nodeClass), aws, azure));
            String catalog = CatalogWriter.write(types);
            if (output == null) {
                spec.commandLine().getOut().print(catalog);
                spec.commandLine().getOut().flush();
            } else {
                write(catalog);
            }
            return 0;
        } catch (CatalogExportException e) {
            spec.commandLine().getErr().println("ebbflow: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    private void write(String catalog) throws CatalogExportException {
        try {
            Files.writeString(output, catalog);
        } catch (IOException e) {
            throw new CatalogExportException("--output", "cannot write " + output + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
