package dev.ebbflow.provisioner.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebbflow.provisioner.cloud.CloudProviderException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.SpotPrice;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;

/**
 * Reads the catalog from EC2 (DescribeInstanceTypes, DescribeInstanceTypeOfferings,
 * DescribeSpotPriceHistory) and the Pricing API (GetProducts). When the Pricing API cannot be
 * reached, the shipped snapshot's on-demand prices stand in, as Karpenter's static prices do.
 */
final class Ec2CatalogReader {

    private static final Logger LOG = LoggerFactory.getLogger(Ec2CatalogReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients clients;
    private final AwsSettings settings;
    private final Clock clock;

    Ec2CatalogReader(AwsClients clients, AwsSettings settings, Clock clock) {
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
    }

    Ec2CatalogData read() throws CloudProviderException {
        List<InstanceTypeInfo> types = AwsErrors.call("DescribeInstanceTypes",
                () -> clients.ec2.describeInstanceTypesPaginator(r -> r.maxResults(100)).instanceTypes().stream().toList());
        Map<String, Set<String>> zones = new HashMap<>();
        AwsErrors.call("DescribeInstanceTypeOfferings", () -> {
            clients.ec2.describeInstanceTypeOfferingsPaginator(r -> r.locationType(LocationType.AVAILABILITY_ZONE)).instanceTypeOfferings()
                    .forEach(o -> zones.computeIfAbsent(o.instanceTypeAsString(), t -> new HashSet<>()).add(o.location()));
            return null;
        });
        Map<String, Double> spot = new HashMap<>();
        Map<String, Instant> spotAt = new HashMap<>();
        AwsErrors.call("DescribeSpotPriceHistory", () -> {
            for (SpotPrice p : clients.ec2.describeSpotPriceHistoryPaginator(r -> r.productDescriptions("Linux/UNIX")
                    .startTime(clock.instant())).spotPriceHistory()) {
                String key = p.instanceTypeAsString() + "/" + p.availabilityZone();
                if (!spotAt.containsKey(key) || p.timestamp().isAfter(spotAt.get(key))) {
                    spotAt.put(key, p.timestamp());
                    spot.put(key, Double.parseDouble(p.spotPrice()));
                }
            }
            return null;
        });
        return new Ec2CatalogData(types, zones, onDemandPrices(), spot, clock.instant());
    }

    private Map<String, Double> onDemandPrices() throws CloudProviderException {
        try {
            Map<String, Double> prices = new HashMap<>();
            AwsErrors.call("GetProducts", () -> {
                clients.pricing.getProductsPaginator(r -> r.serviceCode("AmazonEC2").filters(
                        filter("regionCode", settings.region()), filter("operatingSystem", "Linux"), filter("tenancy", "Shared"),
                        filter("preInstalledSw", "NA"), filter("capacitystatus", "Used"))).priceList().forEach(p -> parseProduct(p, prices));
                return null;
            });
            if (!prices.isEmpty()) {
                return prices;
            }
            LOG.warn("the Pricing API returned no on-demand prices for {}; using the shipped snapshot's", settings.region());
        } catch (CloudProviderException e) {
            if (e instanceof Ec2AuthorizationException) {
                LOG.warn("on-demand prices: {}; using the shipped snapshot's", e.getMessage());
            } else {
                LOG.warn("on-demand prices could not be read ({}); using the shipped snapshot's", e.getMessage());
            }
        }
        return Ec2Snapshot.onDemandPrices(settings.region());
    }

    private static Filter filter(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    /** One price list entry: {@code product.attributes.instanceType} and its single on-demand USD price per hour. */
    static void parseProduct(String json, Map<String, Double> prices) {
        try {
            JsonNode product = JSON.readTree(json);
            String type = product.path("product").path("attributes").path("instanceType").asText("");
            Iterator<JsonNode> terms = product.path("terms").path("OnDemand").elements();
            while (!type.isEmpty() && terms.hasNext()) {
                Iterator<JsonNode> dimensions = terms.next().path("priceDimensions").elements();
                while (dimensions.hasNext()) {
                    String usd = dimensions.next().path("pricePerUnit").path("USD").asText("");
                    if (!usd.isEmpty() && Double.parseDouble(usd) > 0) {
                        prices.put(type, Double.parseDouble(usd));
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            LOG.debug("skipping an unreadable price list entry: {}", e.getMessage());
        }
    }
}
