package dev.ebbflow.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.Main;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The chart's {@code azure.*} values reach the operator: settings as arguments the command line
 * accepts, the SSH key as {@code $SSH_PUBLIC_KEY}, and the bootstrap token only as a reference to
 * its Secret, never as a value in the rendered manifests.
 */
class ChartAzureValuesTest {

    @Test
    void withoutASubscriptionNoAzureArgumentOrVariableIsRendered() {
        Container operator = operator(RenderedChart.defaults());
        assertThat(operator.getArgs()).noneMatch(a -> a.startsWith("--azure-"));
        assertThat(operator.getEnv()).extracting(EnvVar::getName).doesNotContain("KUBELET_BOOTSTRAP_TOKEN", "SSH_PUBLIC_KEY");
    }

    @Test
    void theAzureValuesBecomeArgumentsAndTheTokenComesFromItsSecret() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example";
        Map<String, Object> azure = new java.util.HashMap<>(Map.of("subscriptionId", "sub", "resourceGroup", "rg", "nodeResourceGroup", "MC_rg_prod_westeurope",
                "location", "westeurope", "clusterEndpoint", "https://prod.hcp.westeurope.azmk8s.io:443",
                "kubeletBootstrapTokenSecret", Map.of("name", "ebbflow-azure-bootstrap"), "sshPublicKey", key));
        azure.putAll(Map.of("tenantId", "tenant", "kubeletIdentityClientId", "kubelet-id", "vnetGuid", "guid",
                "nodeIdentities", List.of("/id/a", "/id/b")));
        Container operator = operator(RenderedChart.with(Map.of("azure", azure, "settings", Map.of("clusterName", "prod"))));

        ParseResult run = Main.commandLine().parseArgs(operator.getArgs().toArray(String[]::new)).subcommand();
        assertThat(run.matchedOptionValue("--azure-subscription-id", "")).isEqualTo("sub");
        assertThat(run.matchedOptionValue("--azure-node-resource-group", "")).isEqualTo("MC_rg_prod_westeurope");
        assertThat(run.matchedOptionValue("--azure-location", "")).isEqualTo("westeurope");
        assertThat(run.matchedOptionValue("--azure-cluster-endpoint", "")).isEqualTo("https://prod.hcp.westeurope.azmk8s.io:443");
        assertThat(run.matchedOptionValue("--azure-tenant-id", "")).isEqualTo("tenant");
        assertThat(run.matchedOptionValue("--azure-kubelet-identity-client-id", "")).isEqualTo("kubelet-id");
        assertThat(run.matchedOptionValue("--azure-vnet-guid", "")).isEqualTo("guid");
        assertThat(run.matchedOptionValue("--azure-node-identities", List.<String>of())).containsExactly("/id/a", "/id/b");
        // AKS's defaults, passed as the chart's values.
        assertThat(run.matchedOptionValue("--azure-cluster-dns", "")).isEqualTo("10.0.0.10");
        assertThat(run.matchedOptionValue("--azure-network-dataplane", "")).isEqualTo("cilium");
        assertThat(run.hasMatchedOption("--azure-kubelet-bootstrap-token")).isFalse();
        assertThat(run.hasMatchedOption("--azure-cluster-ca-file")).isFalse();
        EnvVar token = operator.getEnv().stream().filter(e -> e.getName().equals("KUBELET_BOOTSTRAP_TOKEN")).findFirst().orElseThrow();
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("ebbflow-azure-bootstrap");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
        assertThat(operator.getEnv()).filteredOn(e -> e.getName().equals("SSH_PUBLIC_KEY")).extracting(EnvVar::getValue).containsExactly(key);
    }

    private static Container operator(RenderedChart chart) {
        List<Container> containers = chart.only("Deployment", Deployment.class).getSpec().getTemplate().getSpec().getContainers();
        return containers.get(0);
    }
}
