package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebbflow.provisioner.catalog.InstanceType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The region's VM sizes (Resource SKUs API) and their prices (retail prices API), read on first use
 * and again once older than the refresh period; until a refresh succeeds the last catalog read stays.
 * When the retail prices API cannot be read (or lists nothing) and a snapshot is shipped for the region,
 * its on-demand prices are used (no spot offerings then).
 */
public final class AzureCatalog {

    static final String SKUS_API_VERSION = "2021-07-01";
    private static final Logger LOG = LoggerFactory.getLogger(AzureCatalog.class);

    private record Loaded(List<ResourceSku> skus, RetailPrices prices, Instant at) {
    }

    /**
     * What the catalog is read from: no cluster and no node-join settings, so that a catalog export needs none.
     *
     * @param refresh how old the catalog may get before it is read again
     */
    public record Source(String subscriptionId, String location, URI pricesEndpoint, Duration refresh) {

        public Source {
            Objects.requireNonNull(subscriptionId, "subscription id");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(pricesEndpoint, "prices endpoint");
            Objects.requireNonNull(refresh, "refresh");
        }
    }

    private final ArmClient arm;
    private final Source config;
    private final Clock clock;
    private volatile Loaded loaded;

    public AzureCatalog(ArmClient arm, Source source, Clock clock) {
        this.arm = arm;
        this.config = source;
        this.clock = clock;
    }

    /** The live catalog as a node class with default settings (250 pods, 128 GB OS disk) sees it, for catalog export. */
    public List<InstanceType> instanceTypes() throws ArmException {
        return instanceTypes(AzureInstanceTypes.Shape.DEFAULT);
    }

    public List<InstanceType> instanceTypes(AzureInstanceTypes.Shape shape) throws ArmException {
        Loaded current = current();
        return AzureInstanceTypes.build(current.skus(), current.prices(), config.location(), shape);
    }

    private synchronized Loaded current() throws ArmException {
        Loaded current = loaded;
        if (current != null && clock.instant().isBefore(current.at().plus(config.refresh()))) {
            return current;
        }
        try {
            current = new Loaded(skus(), prices(), clock.instant());
        } catch (ArmException e) {
            if (current == null) {
                throw e;
            }
            LOG.warn("refreshing the Azure catalog of {} failed, keeping the one read at {}: {}", config.location(), current.at(), e.getMessage());
            return current;
        }
        loaded = current;
        return current;
    }

    private List<ResourceSku> skus() throws ArmException {
        List<ResourceSku> skus = new ArrayList<>();
        String filter = URLEncoder.encode("location eq '" + config.location() + "'", StandardCharsets.UTF_8).replace("+", "%20");
        JsonNode page = arm.get("/subscriptions/" + config.subscriptionId() + "/providers/Microsoft.Compute/skus?api-version="
                + SKUS_API_VERSION + "&$filter=" + filter);
        while (true) {
            skus.addAll(ResourceSku.virtualMachines(page, config.location()));
            String next = page.path("nextLink").asText("");
            if (next.isEmpty()) {
                return skus;
            }
            page = arm.getAbsolute(URI.create(next), false);
        }
    }

    private RetailPrices prices() throws ArmException {
        RetailPrices prices;
        try {
            prices = retailPrices();
        } catch (ArmException e) {
            return snapshotPrices("the Azure retail prices API could not be read (" + e.getMessage() + ")").orElseThrow(() -> e);
        }
        return prices.isEmpty() ? snapshotPrices("the Azure retail prices API lists no Linux VM price").orElse(prices) : prices;
    }

    private Optional<RetailPrices> snapshotPrices(String why) {
        Optional<RetailPrices> snapshot = AzureSnapshot.prices(config.location());
        snapshot.ifPresent(p -> LOG.warn("{} for {}; using the on-demand prices of the shipped snapshot, published {}", why,
                config.location(), AzureSnapshot.PRICES_DATE));
        return snapshot;
    }

    private RetailPrices retailPrices() throws ArmException {
        RetailPrices prices = new RetailPrices();
        String filter = URLEncoder.encode("serviceName eq 'Virtual Machines' and armRegionName eq '" + config.location()
                + "' and priceType eq 'Consumption'", StandardCharsets.UTF_8).replace("+", "%20");
        JsonNode page = arm.getAbsolute(URI.create(config.pricesEndpoint().toString().replaceAll("/+$", "")
                + "/api/retail/prices?$filter=" + filter), true);
        while (true) {
            prices.add(page, config.location());
            String next = page.path("NextPageLink").asText("");
            if (next.isEmpty() || "null".equals(next)) {
                if (prices.isEmpty()) {
                    LOG.warn("Azure retail prices list no Linux VM price for {}", config.location());
                }
                return prices;
            }
            page = arm.getAbsolute(URI.create(next), true);
        }
    }
}
