package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.azure.AzureAuthorizationException;
import dev.ebbflow.provisioner.azure.AzureCatalog;
import dev.ebbflow.provisioner.azure.AzureConfig;
import dev.ebbflow.provisioner.azure.AzureFixtures;
import dev.ebbflow.provisioner.azure.FakeAzureResourceManager;
import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ebbflow catalog export --cloud azure} against the fake Resource Manager (Resource SKUs and retail
 * prices over HTTPS), with no cluster and none of the node-join settings the operator's Azure cloud needs.
 */
class AzureCatalogExportTest {

    private static final String TOKEN = "export-token";
    private static FakeAzureResourceManager arm;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        arm = new FakeAzureResourceManager();
    }

    @AfterEach
    void reset() {
        arm.reset();
    }

    @AfterAll
    static void stop() {
        arm.close();
    }

    private static CatalogCli export(String... more) {
        List<String> args = new ArrayList<>(List.of("catalog", "export", "--cloud", "azure", "--azure-subscription-id", AzureFixtures.SUBSCRIPTION,
                "--azure-location", "westeurope", "--azure-endpoint", arm.endpoint().toString(),
                "--azure-ca-certificate", arm.certificatePem().toString(), "--azure-access-token", TOKEN));
        args.addAll(List.of(more));
        return CatalogCli.run(args.toArray(String[]::new));
    }

    @Test
    void theRegionsSizesZonesAndPricesAreWrittenAsACatalog() throws Exception {
        AzureFixtures.serveCatalog(arm);
        Path catalog = dir.resolve("azure.yaml");

        CatalogCli run = export("--output", catalog.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<InstanceType> types = CatalogReader.read(catalog);
        assertThat(types).extracting(InstanceType::name).containsExactlyInAnyOrder("Standard_D2ps_v5", "Standard_D4ps_v5",
                "Standard_D8ps_v5", "Standard_E2ps_v5", "Standard_D2s_v5", "Standard_F2s_v2", "Standard_NC24ads_A100_v4");
        InstanceType d2ps = types.stream().filter(t -> t.name().equals("Standard_D2ps_v5")).findFirst().orElseThrow();
        assertThat(d2ps.architecture()).isEqualTo("arm64");
        assertThat(d2ps.labels()).containsEntry("karpenter.azure.com/sku-family", "D").containsEntry("karpenter.azure.com/sku-cpu", "2");
        assertThat(d2ps.offerings()).extracting(o -> o.zone() + "/" + o.capacityType() + "=" + o.pricePerHour())
                .contains("westeurope-1/on-demand=0.08", "westeurope-3/spot=0.016");
        assertThat(d2ps.offerings()).extracting(Offering::zone).containsOnly("westeurope-1", "westeurope-2", "westeurope-3");
        // The SKUs with the given token, both pages; the prices API is public and gets none.
        assertThat(arm.requests("GET", "/skus")).hasSize(2).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN))
                .first().satisfies(r -> assertThat(r.path() + "?" + r.query()).startsWith("/subscriptions/" + AzureFixtures.SUBSCRIPTION
                        + "/providers/Microsoft.Compute/skus?").contains("location%20eq%20%27westeurope%27"));
        assertThat(arm.requests("GET", "/api/retail/prices")).hasSize(2).allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void refusedCredentialsOrRightsAreOneLineSayingWhatToCheck() {
        AzureFixtures.serveCatalog(arm);
        for (int status : new int[] {401, 403}) {
            arm.refuseAuthorization(status);
            CatalogCli run = export("--output", dir.resolve("never.yaml").toString());
            assertThat(run.exit()).isEqualTo(1);
            run.assertOneLineError("ebbflow: --cloud azure: Azure refused reading the VM sizes and prices of westeurope in subscription "
                    + AzureFixtures.SUBSCRIPTION, String.valueOf(status), "check the Azure credentials", "Microsoft.Compute/skus");
            assertThat(run.err()).doesNotContain(TOKEN);
            assertThat(dir.resolve("never.yaml")).doesNotExist();
        }
    }

    @Test
    void anUnreachableEndpointIsOneLineNamingIt() throws Exception {
        int closed = FreePorts.next();
        String endpoint = "https://127.0.0.1:" + closed;
        CatalogCli run = CatalogCli.run("catalog", "export", "--cloud", "azure", "--azure-subscription-id", AzureFixtures.SUBSCRIPTION,
                "--azure-location", "westeurope", "--azure-endpoint", endpoint, "--azure-access-token", TOKEN);
        assertThat(run.exit()).isEqualTo(1);
        run.assertOneLineError("ebbflow: --azure-endpoint: cannot read the catalog of westeurope at " + endpoint);
    }

    @Test
    void missingOrBadOptionsAreOneLineNamingTheOption() {
        CatalogCli.run("catalog", "export", "--cloud", "azure", "--azure-subscription-id", "", "--azure-location", "westeurope")
                .assertOneLineError("ebbflow: --azure-subscription-id: required with --cloud azure");
        CatalogCli.run("catalog", "export", "--cloud", "azure", "--azure-subscription-id", "s", "--azure-location", "")
                .assertOneLineError("ebbflow: --azure-location: required with --cloud azure");
        CatalogCli.run("catalog", "export", "--cloud", "azure", "--azure-subscription-id", "s", "--azure-location", "westeurope",
                "--azure-endpoint", "http://127.0.0.1:1").assertOneLineError("ebbflow: --azure-endpoint: 'http://127.0.0.1:1' is not an https URL");
        CatalogCli.run("catalog", "export", "--cloud", "azure", "--azure-subscription-id", "s", "--azure-location", "westeurope",
                "--azure-ca-certificate", "/nonexistent.pem").assertOneLineError("ebbflow: --azure-ca-certificate: cannot read /nonexistent.pem");
    }

    @Test
    void noCredentialAtAllIsOneLineNotAzureIdentitysListOfEveryCredentialTried() {
        AzureCatalog.Source source = new AzureCatalog.Source("s", "westeurope", AzureConfig.PUBLIC_PRICES, AzureConfig.DEFAULT_CATALOG_REFRESH);
        CatalogExportException e = AzureCatalogSource.explain(new AzureAuthorizationException("Azure refused reading the VM sizes (401 "
                + "CredentialUnavailable: no Azure credential: DefaultAzureCredential failed to retrieve a token from the included credentials.\n"
                + "EnvironmentCredential authentication unavailable.\nManagedIdentityCredential authentication unavailable.", null),
                source, AzureConfig.PUBLIC_ARM, false);
        assertThat(e.getMessage()).startsWith("--cloud azure: Azure refused reading the VM sizes (401 CredentialUnavailable")
                .contains("check the Azure credentials (az login").doesNotContain("\n", "EnvironmentCredential");
    }
}
