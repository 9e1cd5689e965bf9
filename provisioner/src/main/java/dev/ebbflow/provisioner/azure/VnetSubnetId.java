package dev.ebbflow.provisioner.azure;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a subnet's ARM resource ID that nodes' azure.json and labels name. */
public record VnetSubnetId(String subscriptionId, String resourceGroup, String vnet, String subnet) {

    private static final Pattern ID = Pattern.compile(
            "(?i)^/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Network/virtualNetworks/([^/]+)/subnets/([^/]+)$");

    /** The parts of a subnet ID; none for a missing or malformed one. */
    public static Optional<VnetSubnetId> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(id.trim());
        return m.matches() ? Optional.of(new VnetSubnetId(m.group(1), m.group(2), m.group(3), m.group(4))) : Optional.empty();
    }
}
