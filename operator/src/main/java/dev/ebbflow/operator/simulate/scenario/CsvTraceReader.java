package dev.ebbflow.operator.simulate.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an arrival trace from a CSV of {@code timestamp,rate} rows (timestamp in seconds from the
 * start or as a duration such as {@code 1h30m}; an optional header line; {@code #} comments). Each
 * rate holds until the next row, or ramps linearly to it.
 */
final class CsvTraceReader {

    List<RateSegment> read(Path csv, long durationMs, boolean linear) {
        List<String> lines = SourceText.read(csv).lines().toList();
        List<Long> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split(",");
            String where = "line " + (i + 1);
            if (times.isEmpty() && rates.isEmpty() && !cols[0].trim().isEmpty() && !Character.isDigit(cols[0].trim().charAt(0))) {
                continue; // header
            }
            if (cols.length != 2) {
                throw new ScenarioException(csv, where, "expected 'timestamp,rate', got '" + line + "'");
            }
            long t;
            try {
                t = Durations.parse(cols[0].trim()).toMillis();
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(csv, where + " timestamp", e.getMessage());
            }
            double rate;
            try {
                rate = Double.parseDouble(cols[1].trim());
            } catch (NumberFormatException e) {
                throw new ScenarioException(csv, where + " rate", "'" + cols[1].trim() + "' is not a number");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new ScenarioException(csv, where + " rate", "must not be negative, got " + cols[1].trim());
            }
            if (!times.isEmpty() && t <= times.get(times.size() - 1)) {
                throw new ScenarioException(csv, where + " timestamp", "must be later than the previous row's");
            }
            times.add(t);
            rates.add(rate);
        }
        if (times.isEmpty()) {
            throw new ScenarioException(csv, "", "holds no timestamp,rate rows");
        }
        List<RateSegment> segments = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            boolean last = i + 1 == times.size();
            long end = last ? Math.max(durationMs, times.get(i)) : times.get(i + 1);
            double to = linear && !last ? rates.get(i + 1) : rates.get(i);
            segments.add(new RateSegment(times.get(i), end, rates.get(i), to));
        }
        return segments;
    }
}
