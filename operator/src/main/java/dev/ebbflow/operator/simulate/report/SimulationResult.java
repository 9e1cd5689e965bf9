package dev.ebbflow.operator.simulate.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What one run produced: the summary, the sampled series and the events, ready to print or chart. */
public record SimulationResult(
        String scenarioName,
        Path scenarioFile,
        long seed,
        Duration duration,
        Duration step,
        Summary summary,
        TimeSeries series,
        List<ScaleEvent> events) {

    public SimulationResult {
        events = List.copyOf(events);
    }
}
