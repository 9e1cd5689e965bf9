package dev.ebbflow.operator.simulate.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run produced: the summary, the sampled series and the events, ready to print or chart.
 *
 * @param summary the run as the scenario describes it, consolidation included
 * @param without the summary of the same scenario run again with one {@link Feature} off, by feature:
 *     consolidation when the scenario has NodePools, provisioning ahead when it also has ScaledObjects
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
        Map<Feature, Summary> without) {

    public SimulationResult {
        events = List.copyOf(events);
        without = without.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(without));
    }

    /** A result with no second run to compare with. */
    public SimulationResult(String scenarioName, Path scenarioFile, long seed, Duration duration, Duration step, Summary summary,
            TimeSeries series, List<ScaleEvent> events) {
        this(scenarioName, scenarioFile, seed, duration, step, summary, series, events, Map.of());
    }

    /** The summary of the run with {@code feature} off, if there was one. */
    public Optional<Summary> without(Feature feature) {
        return Optional.ofNullable(without.get(feature));
    }

    public Optional<Summary> withoutConsolidation() {
        return without(Feature.CONSOLIDATION);
    }

    /** The same result with the summary of the run with {@code feature} off. */
    public SimulationResult comparedWith(Feature feature, Summary baseline) {
        Map<Feature, Summary> more = new EnumMap<>(Feature.class);
        more.putAll(without);
        more.put(feature, baseline);
        return new SimulationResult(scenarioName, scenarioFile, seed, duration, step, summary, series, events, more);
    }
}
