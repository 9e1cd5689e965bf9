package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

class ProvisionAheadOptionsTest {

    @Command(name = "test")
    static class Holder {
        @Mixin
        OperatorOptions options;
    }

    private static OperatorOptions parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.options;
    }

    @Test
    void onByDefaultForTwoMinutes() {
        assertThat(parse().provisionAhead()).isTrue();
        assertThat(parse().provisionAheadTtl()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void switchedOffOrGivenAnotherTtl() {
        assertThat(parse("--no-provision-ahead").provisionAhead()).isFalse();
        assertThat(parse("--provision-ahead=false").provisionAhead()).isFalse();
        assertThat(parse("--provision-ahead-ttl=90s").provisionAheadTtl()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aTtlThatIsNoDurationIsAUsageErrorNamingTheOption() {
        assertThatThrownBy(() -> parse("--provision-ahead-ttl=soon").provisionAheadTtl()).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--provision-ahead-ttl");
        assertThatThrownBy(() -> parse("--provision-ahead-ttl=0s").provisionAheadTtl()).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--provision-ahead-ttl must be positive");
    }
}
