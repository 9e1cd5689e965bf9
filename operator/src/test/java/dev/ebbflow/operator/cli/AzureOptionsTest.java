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

    private static final String IDENTITY = "/subscriptions/sub/resourceGroups/MC_rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/agentpool";
    private static final String TOKEN = "07401b.f395accd246ae52d";
    private static final String CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2VydmVy\n-----END CERTIFICATE-----\n";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example";
    private static final String[] REQUIRED = {"--azure-subscription-id=sub", "--azure-resource-group=rg", "--azure-node-resource-group=MC_rg",
        "--azure-location=westeurope"};

    private static String[] with(String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(REQUIRED), java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    @Test
    void aCompleteSetIsTheAdaptersConfig() {
        Optional<AzureConfig> config = parse(with("--azure-vnet-subnet-id=/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
                "--azure-kubelet-bootstrap-token=" + TOKEN, "--azure-ssh-public-key=" + KEY)).config("prod", () -> Optional.of(CA));
        assertThat(config).hasValueSatisfying(c -> {
            assertThat(c.nodeResourceGroup()).isEqualTo("MC_rg");
            assertThat(c.clusterName()).isEqualTo("prod");
            assertThat(c.armEndpoint()).hasToString("https://management.azure.com");
            assertThat(c.pinnedNodeImageVersion()).isEmpty();
            assertThat(c.nodeJoin().bootstrapToken()).isEqualTo(TOKEN);
            assertThat(c.nodeJoin().clusterCaPem()).isEqualTo(CA);
            assertThat(c.nodeJoin().sshPublicKey()).isEqualTo(KEY);
            assertThat(c.toString()).doesNotContain("f395accd246ae52d");
        });
    }

    @Test
    void nodesCannotJoinWithoutABootstrapTokenAndAnSshKeyAndABadTokenIsNeverQuoted() {
        assertThatThrownBy(() -> parse(with("--azure-ssh-public-key=" + KEY)).config("prod", () -> Optional.of(CA)))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--azure-kubelet-bootstrap-token")
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> parse(with("--azure-kubelet-bootstrap-token=07401B.f395accd246ae52dXX", "--azure-ssh-public-key=" + KEY))
                .config("prod", () -> Optional.of(CA)))
                .hasMessageContaining("--azure-kubelet-bootstrap-token").hasMessageContaining("not a bootstrap token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("f395accd246ae52d"));
        assertThatThrownBy(() -> parse(with("--azure-kubelet-bootstrap-token=" + TOKEN)).config("prod", () -> Optional.of(CA)))
                .hasMessageContaining("--azure-ssh-public-key").hasMessageContaining("missing");
    }

    @Test
    void whatNodesAreToldAboutTheClusterDefaultsAsAksAndABadValueNamesItsOption() {
        String[] join = {"--azure-kubelet-bootstrap-token=" + TOKEN, "--azure-ssh-public-key=" + KEY};
        assertThat(parse(with(join)).config("prod", () -> Optional.of(CA))).hasValueSatisfying(c -> {
            assertThat(c.nodeSettings().clusterDns()).isEqualTo("10.0.0.10");
            assertThat(c.nodeSettings().networkDataplane()).isEqualTo("cilium");
            assertThat(c.nodeSettings().nodeIdentities()).isEmpty();
        });
        assertThat(parse(with(join[0], join[1], "--azure-tenant-id=tenant", "--azure-cluster-dns=10.1.0.10",
                "--azure-kubelet-identity-client-id=kubelet-id", "--azure-network-dataplane=azure", "--azure-vnet-guid=guid",
                "--azure-node-identities=" + IDENTITY + "," + IDENTITY + "2"))
                .config("prod", () -> Optional.of(CA))).hasValueSatisfying(c -> assertThat(c.nodeSettings())
                .isEqualTo(new dev.ebbflow.provisioner.azure.AksNodeSettings("tenant", "10.1.0.10", "kubelet-id", "azure", "guid",
                        java.util.List.of(IDENTITY, IDENTITY + "2"))));
        assertThatThrownBy(() -> parse(with(join[0], join[1], "--azure-node-identities=kubelet-id")).config("prod", () -> Optional.of(CA)))
                .hasMessageContaining("--azure-node-identities").hasMessageContaining("not a user-assigned identity's resource ID");
        assertThatThrownBy(() -> parse(with(join[0], join[1], "--azure-cluster-dns=kube-dns")).config("prod", () -> Optional.of(CA)))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("--azure-cluster-dns").hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> parse(with(join[0], join[1], "--azure-network-dataplane=calico")).config("prod", () -> Optional.of(CA)))
                .hasMessageContaining("--azure-network-dataplane").hasMessageContaining("neither cilium nor azure");
    }

    @Test
    void theClusterCaIsTheKubernetesClientsUnlessAFileNamesAnother(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[] join = {"--azure-kubelet-bootstrap-token=" + TOKEN, "--azure-ssh-public-key=" + KEY};
        assertThatThrownBy(() -> parse(with(join)).config("prod", Optional::empty)).hasMessageContaining("--azure-cluster-ca-file is required");
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("ca.crt"), CA);
        assertThat(parse(with(join[0], join[1], "--azure-cluster-ca-file=" + file)).config("prod", () -> {
            throw new AssertionError("the client's CA is not read when a file is given");
        })).hasValueSatisfying(c -> assertThat(c.nodeJoin().clusterCaPem()).isEqualTo(CA));
        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("bad.crt"), "not a certificate");
        assertThatThrownBy(() -> parse(with(join[0], join[1], "--azure-cluster-ca-file=" + notPem)).config("prod", Optional::empty))
                .hasMessageContaining("--azure-cluster-ca-file " + notPem).hasMessageContaining("not a PEM certificate");
    }

    @Test
    void theKubernetesClientsCaIsReadFromItsDataOrItsFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        io.fabric8.kubernetes.client.Config inline = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://api:443")
                .withCaCertData(java.util.Base64.getEncoder().encodeToString(CA.getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
        assertThat(ClusterCa.of(inline)).contains(CA);
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("ca.crt"), CA);
        io.fabric8.kubernetes.client.Config fromFile = new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("https://api:443")
                .withCaCertFile(file.toString()).build();
        assertThat(ClusterCa.of(fromFile)).contains(CA);
    }
}
