package dev.ebbflow.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {

    @Test
    void badOptionsAreAUsageErrorBeforeAnyClusterIsContacted() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new RunCommand()).setErr(new PrintWriter(err)).execute("--kube-api-qps", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--kube-api-qps must be greater than 0");
    }

    @Test
    void helpListsTheOperatorOptions() {
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new RunCommand()).setOut(new PrintWriter(out)).execute("--help");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("run").contains("--watch-namespaces").contains("--leader-election");
    }

    @Test
    void helpGivesEveryOptionsDefaultAndWhatTheLeaseNameIsFor() {
        CommandLine run = new CommandLine(new RunCommand());
        for (CommandLine.Model.OptionSpec option : run.getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                assertThat(String.join(" ", option.description())).as(option.longestName()).contains("default");
            }
        }
        StringWriter out = new StringWriter();
        run.setOut(new PrintWriter(out)).execute("--help");
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--leader-election-lease-name=NAME")
                .contains("Lease, in --operator-namespace, that the replicas compete for: only its holder reconciles")
                .doesNotContain("<leaseName>");
    }
}
