package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.provisioner.aws.AwsCloudProvider;
import dev.ebbflow.provisioner.azure.AzureCloudProvider;
import dev.ebbflow.provisioner.cloud.simulated.SimulatedCloudProvider;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The clouds {@code ebbflow catalog export} knows, by name: one line per cloud. */
public final class CatalogSources {

    private static final Map<String, CatalogSource> SOURCES = new TreeMap<>();

    static {
        SOURCES.put(SimulatedCloudProvider.NAME, new SimulatedCatalogSource());
        SOURCES.put(AwsCloudProvider.NAME, new AwsCatalogSource());
        SOURCES.put(AzureCloudProvider.NAME, new AzureCatalogSource());
    }

    private CatalogSources() {
    }

    public static Optional<CatalogSource> find(String cloud) {
        return Optional.ofNullable(SOURCES.get(cloud));
    }

    public static Map<String, CatalogSource> all() {
        return Collections.unmodifiableMap(SOURCES);
    }
}
