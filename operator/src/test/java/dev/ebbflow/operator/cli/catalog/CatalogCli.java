package dev.ebbflow.operator.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebbflow.operator.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code ebbflow} command line, as a user's shell would see it: exit code, standard output and standard error. */
record CatalogCli(int exit, String out, String err) {

    static CatalogCli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CatalogCli(exit, out.toString(), err.toString());
    }

    /** Failed with one line on stderr containing all of {@code expected}, and nothing on stdout. */
    void assertOneLineError(String... expected) {
        assertThat(exit).isNotZero();
        assertThat(err).startsWith("ebbflow: ").contains(expected);
        assertThat(err.strip()).doesNotContain("\n");
        assertThat(out).isEmpty();
    }
}
