package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
        assertThat(s.kubeApiQps()).isEqualTo(200);
        assertThat(s.metricsPort()).isEqualTo(8080);
        assertThat(s.metricsApiPort()).isEqualTo(6443);
        assertThat(s.logLevel()).isEqualTo("INFO");
        assertThat(s.tlsCertFile()).isEmpty();
        assertThat(s.metricsApiDelegatedAuthorization()).isTrue();
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
