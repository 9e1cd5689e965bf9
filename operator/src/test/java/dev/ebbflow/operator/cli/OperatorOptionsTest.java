package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebbflow.operator.leadership.LeaseElection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class OperatorOptionsTest {

    @Command(name = "test")
    static class Holder {
        @Mixin
        OperatorOptions options;
    }

    private static OperatorSettings parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options.toSettings();
    }

    @Test
    void defaultsWatchEverythingWithLeaderElection() {
        OperatorSettings s = parse();
        assertThat(s.watchesAllNamespaces()).isTrue();
        assertThat(s.leaderElection()).isTrue();
        assertThat(s.kubeApiQps()).isEqualTo(300);
        assertThat(s.kubeApiBurst()).isEqualTo(600);
        assertThat(s.metricsPort()).isEqualTo(8080);
        assertThat(s.metricsApiPort()).isEqualTo(6443);
        assertThat(s.logLevel()).isEqualTo("INFO");
        assertThat(s.tlsCertFile()).isEmpty();
        assertThat(s.metricsApiDelegatedAuthorization()).isTrue();
        assertThat(s.leaseTiming()).as("client-go's, as the chart leaves them").isEqualTo(LeaseElection.Timing.DEFAULTS);
    }

    @Test
    void readsTheLeaseTimingAsKubernetesComponentsWriteIt() {
        OperatorSettings s = parse("--leader-election-lease-duration=30s", "--leader-election-renew-deadline=20s",
                "--leader-election-retry-period=500ms");
        assertThat(s.leaseTiming()).isEqualTo(new LeaseElection.Timing(Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofMillis(500)));
        assertThat(parse("--leader-election-lease-duration=2m").leaseTiming().leaseDuration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badLeaseTimingNamesTheOption() {
        assertThatThrownBy(() -> parse("--leader-election-lease-duration=15")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--leader-election-lease-duration").hasMessageContaining("15s");
        assertThatThrownBy(() -> parse("--leader-election-renew-deadline=20s")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--leader-election-lease-duration").hasMessageContaining("longer than --leader-election-renew-deadline");
        assertThatThrownBy(() -> parse("--leader-election-retry-period=5s")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--leader-election-renew-deadline").hasMessageContaining("2.2 x --leader-election-retry-period");
        assertThatThrownBy(() -> parse("--leader-election-retry-period=0s")).hasMessageContaining("must be positive");
    }

    @Test
    void helpDocumentsTheLeaseOptions() {
        String help = new CommandLine(new RunCommand()).getUsageMessage();
        assertThat(help).contains("--leader-election-lease-duration", "--leader-election-renew-deadline", "--leader-election-retry-period",
                "default 15s", "default 10s", "default 2s");
    }

    @Test
    void readsEveryOption() {
        OperatorSettings s = parse("--watch-namespaces", "shop, billing", "--kube-api-qps", "50", "--kube-api-burst", "80",
                "--log-level", "debug", "--no-leader-election", "--operator-namespace", "ops", "--metrics-port", "9090",
                "--metrics-api-port", "7443", "--requestheader-allowed-names", "front-proxy-client", "--no-metrics-api-delegated-authorization");
        assertThat(s.watchNamespaces()).containsExactlyInAnyOrder("shop", "billing");
        assertThat(s.kubeApiQps()).isEqualTo(50);
        assertThat(s.kubeApiBurst()).isEqualTo(80);
        assertThat(s.logLevel()).isEqualTo("DEBUG");
        assertThat(s.leaderElection()).isFalse();
        assertThat(s.leaseNamespace()).isEqualTo("ops");
        assertThat(s.metricsPort()).isEqualTo(9090);
        assertThat(s.metricsApiPort()).isEqualTo(7443);
        assertThat(s.requestHeaderAllowedNames()).containsExactly("front-proxy-client");
        assertThat(s.metricsApiDelegatedAuthorization()).isFalse();
    }

    @Test
    void theClusterNameIsEmptyUnlessGiven() {
        Holder none = new Holder();
        new CommandLine(none).parseArgs();
        assertThat(none.options.clusterName()).isEqualTo(System.getenv().getOrDefault("CLUSTER_NAME", "").trim());
        Holder named = new Holder();
        new CommandLine(named).parseArgs("--cluster-name", " prod-eu ");
        assertThat(named.options.clusterName()).isEqualTo("prod-eu");
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parse("--kube-api-qps", "0")).isInstanceOf(ParameterException.class).hasMessageContaining("--kube-api-qps");
        assertThatThrownBy(() -> parse("--kube-api-burst", "0")).hasMessageContaining("--kube-api-burst");
        assertThatThrownBy(() -> parse("--log-level", "loud")).hasMessageContaining("--log-level");
        assertThatThrownBy(() -> parse("--metrics-port", "70000")).hasMessageContaining("--metrics-port");
        assertThatThrownBy(() -> parse("--metrics-port", "6443")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> parse("--watch-namespaces", "Not_Valid")).hasMessageContaining("--watch-namespaces");
        assertThatThrownBy(() -> parse("--tls-cert-file", "/etc/hostname")).hasMessageContaining("go together");
        Path missing = Path.of("/nonexistent/ca.crt");
        assertThatThrownBy(() -> parse("--requestheader-client-ca-file", missing.toString())).hasMessageContaining("--requestheader-client-ca-file");
    }
}
