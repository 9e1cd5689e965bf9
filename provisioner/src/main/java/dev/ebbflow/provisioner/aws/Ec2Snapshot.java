package dev.ebbflow.provisioner.aws;

import dev.ebbflow.provisioner.catalog.CatalogFormatException;
import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped offline catalogs ({@code catalog-<region>.yaml} next to this class, in the catalog file
 * format): published on-demand prices of the general-purpose, compute- and memory-optimised families
 * of the last three generations, for simulating with real machine types and for on-demand prices when
 * the Pricing API cannot be reached.
 */
public final class Ec2Snapshot {

    public static final String SNAPSHOT_REGION = "us-east-1";

    private Ec2Snapshot() {
    }

    static String resource(String region) {
        return "catalog-" + region + ".yaml";
    }

    /** The snapshot of a region, or empty when none is shipped for it. */
    public static List<InstanceType> of(String region) {
        try (InputStream in = Ec2Snapshot.class.getResourceAsStream(resource(region))) {
            if (in == null) {
                return List.of();
            }
            return CatalogReader.read(resource(region), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CatalogFormatException e) {
            throw new IllegalStateException("the shipped catalog " + resource(region) + " is malformed: " + e.getMessage(), e);
        }
    }

    static Map<String, Double> onDemandPrices(String region) {
        Map<String, Double> prices = new HashMap<>();
        for (InstanceType t : of(region)) {
            t.offerings().stream().filter(o -> Offering.ON_DEMAND.equals(o.capacityType())).findFirst()
                    .ifPresent(o -> prices.put(t.name(), o.pricePerHour()));
        }
        return prices;
    }
}
