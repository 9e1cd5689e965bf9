package dev.ebbflow.provisioner.azure;

import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import dev.ebbflow.provisioner.catalog.ShippedCatalogs;
import java.util.List;
import java.util.Optional;

/**
 * The shipped offline Azure catalog ({@code catalog-<location>.yaml} next to this class, in the catalog
 * file format): the D, E and F families' Linux pay-as-you-go prices as AKS's Karpenter provider last
 * published them, with shapes and AKS allocatable as this adapter derives them. It prices VM sizes when
 * the retail prices API cannot be reached, and {@code ebbflow simulate} can load it as a catalog file.
 */
public final class AzureSnapshot {

    public static final String SNAPSHOT_LOCATION = "eastus";
    /** When the prices it holds were published. */
    public static final String PRICES_DATE = "2023-12-18";

    private AzureSnapshot() {
    }

    static String resource(String location) {
        return "catalog-" + location + ".yaml";
    }

    /** The snapshot of a region, or empty when none is shipped for it. */
    public static List<InstanceType> of(String location) {
        return ShippedCatalogs.read(AzureSnapshot.class, resource(location));
    }

    /** The snapshot's on-demand prices of a region, when one is shipped for it (it holds no spot prices). */
    static Optional<RetailPrices> prices(String location) {
        RetailPrices prices = new RetailPrices();
        for (InstanceType t : of(location)) {
            t.offerings().stream().filter(o -> Offering.ON_DEMAND.equals(o.capacityType())).findFirst()
                    .ifPresent(o -> prices.put(t.name(), o.pricePerHour(), Optional.empty()));
        }
        return prices.isEmpty() ? Optional.empty() : Optional.of(prices);
    }
}
