package dev.ebbflow.provisioner.aws;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * What EC2 said about its instance types at one moment: their shapes, the zones offering each, and
 * prices (on-demand per type, spot per type and zone).
 */
record Ec2CatalogData(List<InstanceTypeInfo> types, Map<String, Set<String>> zonesByType, Map<String, Double> onDemandPrices,
                      Map<String, Double> spotPrices, Instant readAt) {

    Ec2CatalogData {
        types = List.copyOf(types);
        zonesByType = Map.copyOf(zonesByType);
        onDemandPrices = Map.copyOf(onDemandPrices);
        spotPrices = Map.copyOf(spotPrices);
    }

    Optional<Double> onDemand(String type) {
        return Optional.ofNullable(onDemandPrices.get(type));
    }

    Optional<Double> spot(String type, String zone) {
        return Optional.ofNullable(spotPrices.get(type + "/" + zone));
    }
}
