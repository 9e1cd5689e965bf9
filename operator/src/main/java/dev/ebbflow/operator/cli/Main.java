package dev.ebbflow.operator.cli;

import dev.ebbflow.operator.cli.catalog.CatalogCommand;
import dev.ebbflow.operator.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ebbflow} command: one jar, one subcommand per job. */
@Command(name = "ebbflow", mixinStandardHelpOptions = true, version = "ebbflow 0.1.0",
        description = "Event-driven pod autoscaling and node provisioning in one Kubernetes operator.",
        subcommands = {RunCommand.class, SimulateCommand.class, CatalogCommand.class})
public final class Main {

    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
