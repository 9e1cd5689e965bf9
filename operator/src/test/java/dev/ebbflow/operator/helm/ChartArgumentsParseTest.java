package dev.ebbflow.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.Main;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The Deployment the chart renders starts the operator with arguments the real command line accepts:
 * a flag renamed on either side fails here rather than in a CrashLoopBackOff.
 */
class ChartArgumentsParseTest {

    @Test
    void defaultArgumentsParseAsTheRunSubcommand() {
        ParseResult parsed = parse(RenderedChart.defaults());

        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo("run");
        assertThat(parsed.subcommand().matchedOptionValue("--metrics-api-port", 0)).isEqualTo(6443);
        assertThat(parsed.subcommand().matchedOptionValue("--leader-election", false)).isTrue();
        assertThat(parsed.subcommand().matchedOptionValue("--metrics-api-delegated-authorization", false)).isTrue();
    }

    @Test
    void delegatedAuthorizationCanBeTurnedOff() {
        ParseResult parsed = parse(RenderedChart.with(Map.of("metricsApi", Map.of("delegatedAuthorization", false))));

        assertThat(parsed.subcommand().matchedOptionValue("--metrics-api-delegated-authorization", true)).isFalse();
    }

    @Test
    void overriddenNamespacesAndLogLevelParseToo() {
        ParseResult parsed = parse(RenderedChart.with(Map.of("logLevel", "debug", "watchNamespaces", List.of("team-a", "team-b"))));

        assertThat(parsed.subcommand().matchedOptionValue("--log-level", "")).isEqualTo("debug");
        assertThat((String[]) parsed.subcommand().matchedOptionValue("--watch-namespaces", new String[0])).containsExactly("team-a", "team-b");
    }

    @Test
    void theClusterNameIsPassedOnlyWhenSet() {
        assertThat(parse(RenderedChart.defaults()).subcommand().hasMatchedOption("--cluster-name")).isFalse();
        ParseResult parsed = parse(RenderedChart.with(Map.of("settings", Map.of("clusterName", "prod-eu"))));

        assertThat(parsed.subcommand().matchedOptionValue("--cluster-name", "")).isEqualTo("prod-eu");
    }

    @Test
    void theInterruptionQueueIsPassedOnlyWhenSet() {
        assertThat(parse(RenderedChart.defaults()).subcommand().hasMatchedOption("--interruption-queue")).isFalse();
        ParseResult parsed = parse(RenderedChart.with(Map.of("settings", Map.of("clusterName", "prod-eu", "interruptionQueue", "Karpenter-prod-eu"))));

        assertThat(parsed.subcommand().matchedOptionValue("--interruption-queue", "")).isEqualTo("Karpenter-prod-eu");
    }

    @Test
    void theAwsValuesArePassedWhenARegionIsSet() {
        assertThat(parse(RenderedChart.defaults()).subcommand().hasMatchedOption("--aws-region")).isFalse();
        ParseResult parsed = parse(RenderedChart.with(Map.of("settings", Map.of("clusterName", "prod"),
                "aws", Map.of("region", "us-west-2", "clusterEndpoint", "https://prod.example.com", "clusterCaBundle", "Q0E="))));

        assertThat(parsed.subcommand().matchedOptionValue("--aws-region", "")).isEqualTo("us-west-2");
        assertThat(parsed.subcommand().matchedOptionValue("--aws-cluster-endpoint", "")).isEqualTo("https://prod.example.com");
        assertThat(parsed.subcommand().matchedOptionValue("--aws-cluster-ca-bundle", "")).isEqualTo("Q0E=");
        assertThat(parsed.subcommand().matchedOptionValue("--aws-service-cidr", "")).isEqualTo("10.100.0.0/16");
        assertThat(parsed.subcommand().matchedOptionValue("--aws-catalog-refresh", "")).isEqualTo("5m");
        assertThat(parsed.subcommand().hasMatchedOption("--aws-endpoint")).isFalse();
    }

    private static ParseResult parse(RenderedChart chart) {
        Deployment deployment = chart.only("Deployment", Deployment.class);
        List<String> args = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        CommandLine cli = Main.commandLine();
        return cli.parseArgs(args.toArray(String[]::new));
    }
}
