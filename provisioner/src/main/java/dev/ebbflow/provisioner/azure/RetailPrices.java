package dev.ebbflow.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Linux pay-as-you-go and spot hourly prices by VM size, from pages of the Azure retail prices API
 * ({@code Items}, followed by {@code NextPageLink}). Windows, low-priority and non-hourly items are
 * left out.
 */
public final class RetailPrices {

    /** The two prices of one size; a capacity type with no price is not offered. */
    public record Prices(Optional<Double> onDemand, Optional<Double> spot) {
    }

    private final Map<String, Double> onDemand = new TreeMap<>();
    private final Map<String, Double> spot = new TreeMap<>();

    /** Adds one page's items for {@code location}. */
    public RetailPrices add(JsonNode page, String location) {
        for (JsonNode item : page.path("Items")) {
            if (!item.path("armRegionName").asText().equalsIgnoreCase(location)
                    || !"Consumption".equals(item.path("type").asText())
                    || !"1 Hour".equals(item.path("unitOfMeasure").asText())
                    || item.path("productName").asText().contains("Windows")
                    || item.path("meterName").asText().contains("Low Priority")) {
                continue;
            }
            String sku = item.path("armSkuName").asText();
            double price = item.path("retailPrice").asDouble();
            (item.path("meterName").asText().endsWith("Spot") ? spot : onDemand).merge(sku, price, Math::min);
        }
        return this;
    }

    /** Adds one size's prices as a catalog snapshot holds them. */
    public RetailPrices put(String sku, double onDemandPrice, Optional<Double> spotPrice) {
        onDemand.put(sku, onDemandPrice);
        spotPrice.ifPresent(p -> spot.put(sku, p));
        return this;
    }

    public Prices of(String sku) {
        return new Prices(Optional.ofNullable(onDemand.get(sku)), Optional.ofNullable(spot.get(sku)));
    }

    public boolean isEmpty() {
        return onDemand.isEmpty();
    }
}
