package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.provisioner.aws.AwsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class AwsOptionsTest {

    private static RunCommand parse(String... args) {
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void withoutARegionTheAwsCloudIsOff() {
        RunCommand run = parse();
        assertThat(run.aws.region == null || run.aws.region.isEmpty() || System.getenv("AWS_REGION") != null).isTrue();
        if (System.getenv("AWS_REGION") == null) {
            assertThat(run.aws.toSettings(run.options.clusterName())).isEmpty();
        }
    }

    @Test
    void aRegionAndAClusterNameTurnItOn() {
        RunCommand run = parse("--aws-region", "us-west-2", "--cluster-name", "prod", "--aws-endpoint", "http://127.0.0.1:4566",
                "--aws-cluster-endpoint", "https://prod.example.com", "--aws-catalog-refresh", "2m");
        Optional<AwsSettings> settings = run.aws.toSettings(run.options.clusterName());
        assertThat(settings).hasValueSatisfying(s -> {
            assertThat(s.region()).isEqualTo("us-west-2");
            assertThat(s.clusterName()).isEqualTo("prod");
            assertThat(s.endpoint()).contains(URI.create("http://127.0.0.1:4566"));
            assertThat(s.clusterEndpoint()).isEqualTo("https://prod.example.com");
            assertThat(s.catalogRefresh()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        RunCommand noCluster = parse("--aws-region", "us-west-2", "--cluster-name", "");
        assertThatThrownBy(() -> noCluster.aws.toSettings(noCluster.options.clusterName()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--cluster-name");
        RunCommand badEndpoint = parse("--aws-region", "us-west-2", "--cluster-name", "prod", "--aws-endpoint", "not a url");
        assertThatThrownBy(() -> badEndpoint.aws.toSettings(badEndpoint.options.clusterName()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--aws-endpoint");
        RunCommand badRefresh = parse("--aws-region", "us-west-2", "--cluster-name", "prod", "--aws-catalog-refresh", "soon");
        assertThatThrownBy(() -> badRefresh.aws.toSettings(badRefresh.options.clusterName()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--aws-catalog-refresh");
    }

    @Test
    void theInterruptionQueueIsOffUnlessNamedAndNeedsARegion() {
        RunCommand off = parse("--aws-region", "us-west-2", "--cluster-name", "prod", "--interruption-queue", "");
        assertThat(off.aws.toSettings(off.options.clusterName())).hasValueSatisfying(s -> assertThat(s.handlesInterruptions()).isFalse());
        RunCommand on = parse("--aws-region", "us-west-2", "--cluster-name", "prod", "--interruption-queue", "Karpenter-prod");
        assertThat(on.aws.toSettings(on.options.clusterName())).hasValueSatisfying(s -> {
            assertThat(s.handlesInterruptions()).isTrue();
            assertThat(s.interruptionQueue()).isEqualTo("Karpenter-prod");
        });
        RunCommand noRegion = parse("--aws-region", "", "--interruption-queue", "Karpenter-prod");
        assertThatThrownBy(() -> noRegion.aws.toSettings(noRegion.options.clusterName()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--interruption-queue needs --aws-region");
    }
}
