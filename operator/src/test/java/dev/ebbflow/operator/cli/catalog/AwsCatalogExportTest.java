package dev.ebbflow.operator.cli.catalog;

import dev.ebbflow.testkit.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.provisioner.aws.fake.Ec2World;
import dev.ebbflow.provisioner.aws.fake.FakeEc2Server;
import dev.ebbflow.provisioner.catalog.CatalogReader;
import dev.ebbflow.provisioner.catalog.InstanceType;
import dev.ebbflow.provisioner.catalog.Offering;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ebbflow catalog export --cloud aws} against the fake EC2 and Pricing endpoint, credentials from the SDK's default chain. */
class AwsCatalogExportTest {

    private static FakeEc2Server ec2;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        ec2 = Ec2World.seed(new FakeEc2Server(Ec2World.REGION));
        // The default chain's first source: system properties, as AWS_ACCESS_KEY_ID would be in a shell.
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        ec2.close();
    }

    @Test
    void theRegionsTypesZonesAndPricesAreWrittenAsACatalog() throws Exception {
        Path catalog = dir.resolve("aws.yaml");
        CatalogCli run = CatalogCli.run("catalog", "export", "--cloud", "aws", "--aws-region", Ec2World.REGION, "--aws-endpoint", ec2.endpoint().toString(),
                "--output", catalog.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        List<InstanceType> types = CatalogReader.read(catalog);
        assertThat(types).extracting(InstanceType::name).contains("c5.large", "m6g.xlarge", "r7g.xlarge", "g4dn.xlarge");
        InstanceType c5 = types.stream().filter(t -> t.name().equals("c5.large")).findFirst().orElseThrow();
        assertThat(c5.labels()).containsEntry("karpenter.k8s.aws/instance-family", "c5").containsEntry("karpenter.k8s.aws/instance-cpu", "2");
        assertThat(c5.offerings()).extracting(o -> o.zone() + "/" + o.capacityType() + "=" + o.pricePerHour())
                .contains("us-west-2a/on-demand=0.085", "us-west-2c/spot=0.035");
        assertThat(c5.offerings()).extracting(Offering::zone).containsOnly(Ec2World.ZONES);
        assertThat(ec2.requests("DescribeInstanceTypes")).isNotEmpty();
        assertThat(ec2.pricingRequests()).isNotEmpty();
    }

    @Test
    void refusedCredentialsAreOneLineSayingWhatToCheck() {
        ec2.failNext("DescribeInstanceTypes", "AuthFailure", 1);
        CatalogCli run = CatalogCli.run("catalog", "export", "--cloud", "aws", "--aws-region", Ec2World.REGION, "--aws-endpoint", ec2.endpoint().toString());
        run.assertOneLineError("ebbflow: --cloud aws: ", "not authorized", "AuthFailure", "check the AWS credentials");
    }

    @Test
    void anUnreachableEndpointOrNoRegionIsOneLineNamingTheOption() throws Exception {
        int closed = FreePorts.next();
        CatalogCli unreachable = CatalogCli.run("catalog", "export", "--cloud", "aws", "--aws-region", Ec2World.REGION, "--aws-endpoint", "http://127.0.0.1:" + closed);
        unreachable.assertOneLineError("ebbflow: --aws-endpoint: cannot read the catalog of us-west-2 at http://127.0.0.1:" + closed);
        CatalogCli.run("catalog", "export", "--cloud", "aws", "--aws-region", "").assertOneLineError("ebbflow: --aws-region: required with --cloud aws");
        CatalogCli.run("catalog", "export", "--cloud", "aws", "--aws-region", "us-west-2", "--aws-endpoint", "not a url")
                .assertOneLineError("ebbflow: --aws-endpoint: 'not a url' is not a URL");
    }

    @Test
    void noCredentialsAtAllIsAShortLineSayingWhatToSet() {
        CatalogExportException e = AwsCatalogSource.explain(new dev.ebbflow.provisioner.cloud.CloudProviderException(
                "DescribeInstanceTypes: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(...)"),
                dev.ebbflow.provisioner.aws.AwsSettings.of("us-east-1", "x"), false);
        assertThat(e.getMessage()).startsWith("--cloud aws: no AWS credentials found").contains("AWS_PROFILE").doesNotContain("AwsCredentialsProviderChain");
    }
}
