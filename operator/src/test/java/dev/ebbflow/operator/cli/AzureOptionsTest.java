package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.azure.AzureConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The Azure cloud's options: off without a subscription, every missing or unsafe value a usage error naming its option. */
class AzureOptionsTest {

    @Command(name = "test")
    static final class Holder {
        @Mixin
        AzureOptions azure;
    }

    private static AzureOptions parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.azure;
    }

    @Test
    void withoutASubscriptionTheAzureCloudIsOff() {
        assertThat(parse().config("cluster")).isEmpty();
    }

    @Test
    void aSubscriptionNeedsTheNodeResourceGroupTheLocationAndTheClusterName() {
        assertThatThrownBy(() -> parse("--azure-subscription-id=sub", "--azure-location=westeurope").config("cluster"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--azure-node-resource-group");
        assertThatThrownBy(() -> parse("--azure-subscription-id=sub", "--azure-node-resource-group=MC_rg").config("cluster"))
                .hasMessageContaining("--azure-location");
        assertThatThrownBy(() -> parse("--azure-subscription-id=sub", "--azure-node-resource-group=MC_rg", "--azure-location=westeurope").config(""))
                .hasMessageContaining("--cluster-name");
    }

    @Test
    void theEndpointsMustBeHttps() {
        assertThatThrownBy(() -> parse("--azure-subscription-id=sub", "--azure-node-resource-group=MC_rg", "--azure-location=westeurope",
                "--azure-endpoint=http://127.0.0.1:8080").config("cluster")).hasMessageContaining("must be https");
    }

    @Test
    void aCompleteSetIsTheAdaptersConfig() {
        Optional<AzureConfig> config = parse("--azure-subscription-id=sub", "--azure-resource-group=rg", "--azure-node-resource-group=MC_rg",
                "--azure-location=westeurope", "--azure-vnet-subnet-id=/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s")
                .config("prod");
        assertThat(config).hasValueSatisfying(c -> {
            assertThat(c.nodeResourceGroup()).isEqualTo("MC_rg");
            assertThat(c.clusterName()).isEqualTo("prod");
            assertThat(c.armEndpoint()).hasToString("https://management.azure.com");
            assertThat(c.nodeImageVersion()).isEqualTo(AzureConfig.DEFAULT_NODE_IMAGE_VERSION);
        });
    }
}
