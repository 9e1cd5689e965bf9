package dev.ebbflow.operator.simulate.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one run produced: the summary, the sampled series and the events, ready to print or chart.
 *
 * @param summary the run as the scenario describes it, consolidation included
 * @param withoutConsolidation the summary of the same scenario run a second time with no node removed
 *     for being empty or underutilized, to show what consolidation saved; empty when the scenario has no
 *     NodePool to consolidate
 */
public record SimulationResult(
        String scenarioName,
        Path scenarioFile,
        long seed,
        Duration duration,
        Duration step,
        Summary summary,
        TimeSeries series,
        List<ScaleEvent> events,
        Optional<Summary> withoutConsolidation) {

    public SimulationResult {
        events = List.copyOf(events);
    }

    /** A result with no second run to compare with. */
    public SimulationResult(String scenarioName, Path scenarioFile, long seed, Duration duration, Duration step, Summary summary,
            TimeSeries series, List<ScaleEvent> events) {
        this(scenarioName, scenarioFile, seed, duration, step, summary, series, events, Optional.empty());
    }

    /** The same result with the summary of the run without consolidation. */
    public SimulationResult comparedWith(Summary baseline) {
        return new SimulationResult(scenarioName, scenarioFile, seed, duration, step, summary, series, events, Optional.of(baseline));
    }
}
