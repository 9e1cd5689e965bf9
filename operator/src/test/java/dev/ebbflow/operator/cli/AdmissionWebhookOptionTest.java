package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class AdmissionWebhookOptionTest {

    private static OptionalInt port(String... args) {
        OperatorOptionsTest.Holder h = new OperatorOptionsTest.Holder();
        new CommandLine(h).parseArgs(args);
        return h.options.admissionWebhookPort();
    }

    @Test
    void offUnlessAPortIsGiven() {
        assertThat(port()).isEmpty();
        assertThat(port("--admission-webhook-port=9443")).hasValue(9443);
    }

    @Test
    void aBadOrTakenPortNamesTheOption() {
        assertThatThrownBy(() -> port("--admission-webhook-port=0")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--admission-webhook-port must be between 1 and 65535");
        assertThatThrownBy(() -> port("--admission-webhook-port=6443")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--admission-webhook-port must differ from --metrics-port and --metrics-api-port");
    }
}
