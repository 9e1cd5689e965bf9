package dev.ebbflow.operator.simulate.report;

import dev.ebbflow.operator.simulate.scenario.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/**
 * Writes {@code index.html} into the report directory: the summary table, the charts (PNG, embedded
 * as data URIs so the one file can be mailed or attached), and the scale events of each run.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static Path write(Path dir, List<SimulationResult> runs) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            Path index = dir.resolve("index.html");
            Files.writeString(index, html(runs));
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes one chart as a PNG file (the README's picture comes from here). */
    public static void writePng(XYChart chart, Path file) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static String html(List<SimulationResult> runs) throws IOException {
        StringBuilder h = new StringBuilder();
        String title = runs.size() == 1 ? "Ebbflow simulation: " + runs.get(0).scenarioName()
                : "Ebbflow simulation: " + runs.get(0).scenarioName() + " vs " + runs.get(1).scenarioName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 10px;text-align:left}th{background:#f3f3f3}")
                .append("td.num{text-align:right}.runs{display:flex;gap:2em;flex-wrap:wrap}img{max-width:100%}</style></head><body>\n")
                .append("<h1>").append(esc(title)).append("</h1>\n");
        for (SimulationResult r : runs) {
            h.append("<p>").append(esc(r.scenarioName())).append(": <code>").append(esc(String.valueOf(r.scenarioFile()))).append("</code></p>\n");
        }
        h.append("<h2>Summary</h2>\n<table><tr><th></th>");
        List<Map<String, String>> columns = runs.stream().map(SummaryTable::rows).toList();
        for (SimulationResult r : runs) {
            h.append("<th>").append(esc(r.scenarioName())).append("</th>");
        }
        h.append("</tr>\n");
        java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>();
        columns.forEach(c -> labels.addAll(c.keySet()));
        for (String label : labels) {
            h.append("<tr><td>").append(esc(label.trim())).append("</td>");
            for (Map<String, String> c : columns) {
                h.append("<td class=\"num\">").append(esc(c.getOrDefault(label, "-"))).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n<h2>Charts</h2>\n");
        for (XYChart chart : Charts.all(runs)) {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            h.append("<p><img alt=\"").append(esc(chart.getTitle())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"></p>\n");
        }
        h.append("<h2>Scale events</h2>\n<div class=\"runs\">\n");
        for (SimulationResult r : runs) {
            h.append("<div><h3>").append(esc(r.scenarioName())).append(" (").append(r.events().size()).append(")</h3>\n")
                    .append("<table><tr><th>time</th><th>object</th><th>by</th><th>from</th><th>to</th><th>why</th></tr>\n");
            for (ScaleEvent e : r.events()) {
                h.append("<tr><td>").append(Durations.format(e.at())).append("</td><td>").append(esc(e.object()))
                        .append("</td><td>").append(esc(e.by())).append("</td><td class=\"num\">").append(e.from())
                        .append("</td><td class=\"num\">").append(e.to()).append("</td><td>").append(esc(e.reason())).append("</td></tr>\n");
            }
            h.append("</table></div>\n");
        }
        h.append("</div>\n</body></html>\n");
        return h.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
