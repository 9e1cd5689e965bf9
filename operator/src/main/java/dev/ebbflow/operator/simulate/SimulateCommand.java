package dev.ebbflow.operator.simulate;

import dev.ebbflow.operator.simulate.engine.Simulation;
import dev.ebbflow.operator.simulate.report.Charts;
import dev.ebbflow.operator.simulate.report.HtmlReport;
import dev.ebbflow.operator.simulate.report.SimulationResult;
import dev.ebbflow.operator.simulate.report.SummaryTable;
import dev.ebbflow.operator.simulate.scenario.Scenario;
import dev.ebbflow.operator.simulate.scenario.ScenarioException;
import dev.ebbflow.operator.simulate.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ebbflow simulate SCENARIO [--out DIR] [--compare OTHER]}: replays a scenario on a virtual
 * clock with the operator's own cores, prints the summary table and writes the HTML report.
 * Exit code 0 on success, 2 for a scenario that cannot be simulated (the message names file and
 * field), 3 when the report cannot be written.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a load against your ScaledObjects and NodePools on a virtual clock: pods, nodes, message wait and cost.")
public final class SimulateCommand implements Callable<Integer> {

    public static final int EXIT_BAD_SCENARIO = 2;
    public static final int EXIT_CANNOT_WRITE = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (YAML).")
    Path scenario;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "simulation-report", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--compare", paramLabel = "OTHER_SCENARIO", description = "A second scenario run side by side on the same axes.")
    Path compare;

    @Option(names = "--png", paramLabel = "FILE", description = "Also write the pods chart (desired, ready, pending) as a PNG file.")
    Path png;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on stderr (default: on when stderr is a terminal).")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        // The operator's cores log what they decide; a simulation reports it in its events, not on the console.
        if (org.slf4j.LoggerFactory.getLogger("dev.ebbflow") instanceof ch.qos.logback.classic.Logger operatorLogs) {
            operatorLogs.setLevel(ch.qos.logback.classic.Level.WARN);
        }
        List<SimulationResult> runs = new ArrayList<>();
        try {
            ScenarioLoader loader = new ScenarioLoader();
            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(loader.load(scenario));
            if (compare != null) {
                scenarios.add(loader.load(compare));
            }
            boolean bar = progress && System.console() != null;
            for (Scenario s : scenarios) {
                long started = System.nanoTime();
                runs.add(Simulation.run(s, new ProgressBar(System.err, "simulating " + s.name(), bar)));
                stderr.printf("simulated %s of %s in %.2f s%n", dev.ebbflow.operator.simulate.scenario.Durations.format(s.duration()),
                        s.name(), (System.nanoTime() - started) / 1e9);
                stderr.flush();
            }
        } catch (ScenarioException e) {
            stderr.println("ebbflow simulate: " + e.getMessage());
            stderr.flush();
            return EXIT_BAD_SCENARIO;
        }
        stdout.print(SummaryTable.render(runs));
        stdout.println();
        try {
            Path index = HtmlReport.write(out, runs);
            stdout.println("report: " + index.toAbsolutePath().normalize());
            if (png != null) {
                HtmlReport.writePng(Charts.pods(runs), png);
                stdout.println("chart:  " + png.toAbsolutePath().normalize());
            }
        } catch (UncheckedIOException e) {
            stderr.println("ebbflow simulate: " + e.getMessage());
            stderr.flush();
            return EXIT_CANNOT_WRITE;
        } finally {
            stdout.flush();
        }
        return 0;
    }
}
