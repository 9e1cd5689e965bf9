package dev.ebbflow.operator.simulate.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built with XChart from one or more runs. With several runs every series
 * carries its run's name and all runs share one chart, hence the same axes.
 */
public final class Charts {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 380;

    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);

    private Charts() {
    }

    /** Every chart the report shows, in display order. */
    public static List<XYChart> all(List<SimulationResult> runs) {
        List<XYChart> charts = new ArrayList<>();
        if (runs.stream().anyMatch(r -> !r.summary().queues().isEmpty())) {
            charts.add(queueDepth(runs));
        }
        charts.add(pods(runs));
        charts.add(nodes(runs));
        charts.add(cost(runs));
        return charts;
    }

    /** Backlog on the left axis, arrival rate (messages/s) on the right. */
    public static XYChart queueDepth(List<SimulationResult> runs) {
        XYChart chart = base("Queue depth and arrival rate", "messages waiting");
        chart.setYAxisGroupTitle(1, "arrivals per second");
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            for (Summary.QueueSummary q : r.summary().queues()) {
                XYSeries depth = line(chart, label(runs, r, "backlog " + q.name()), r.series().minutes(), r.series().column(Columns.backlog(q.name())));
                style(depth, i);
                XYSeries rate = line(chart, label(runs, r, "arrival rate " + q.name()), r.series().minutes(), r.series().column(Columns.arrivalRate(q.name())));
                rate.setYAxisGroup(1);
                rate.setLineStyle(DASHED);
                rate.setLineColor(tone(i, true));
            }
        }
        return chart;
    }

    public static XYChart pods(List<SimulationResult> runs) {
        XYChart chart = base("Pods: desired, ready and pending", "pods");
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            for (Summary.WorkloadSummary w : r.summary().workloads()) {
                style(step(chart, label(runs, r, "desired " + w.name()), r.series().minutes(), r.series().column(Columns.desired(w.name()))), i);
                XYSeries ready = step(chart, label(runs, r, "ready " + w.name()), r.series().minutes(), r.series().column(Columns.ready(w.name())));
                ready.setLineColor(tone(i, true));
                XYSeries pending = step(chart, label(runs, r, "pending " + w.name()), r.series().minutes(), r.series().column(Columns.pending(w.name())));
                pending.setLineStyle(DASHED);
                pending.setLineColor(i == 0 ? new Color(0xD62728) : new Color(0xFF9896));
            }
        }
        return chart;
    }

    public static XYChart nodes(List<SimulationResult> runs) {
        XYChart chart = base("Nodes by instance type", "nodes");
        int colour = 0;
        for (SimulationResult r : runs) {
            for (Map.Entry<String, double[]> e : r.series().nodesByType().entrySet()) {
                XYSeries s = step(chart, label(runs, r, e.getKey()), r.series().minutes(), e.getValue());
                s.setLineColor(PALETTE[colour++ % PALETTE.length]);
            }
            if (r.series().nodesByType().isEmpty()) {
                step(chart, label(runs, r, "no nodes"), r.series().minutes(), r.series().column(Columns.NODES));
            }
        }
        return chart;
    }

    public static XYChart cost(List<SimulationResult> runs) {
        XYChart chart = base("Cumulative cost", "USD");
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            style(line(chart, label(runs, r, "cost"), r.series().minutes(), r.series().column(Columns.COST)), i);
        }
        return chart;
    }

    private static XYChart base(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("minutes").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE5E5E5));
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    private static XYSeries step(XYChart chart, String name, double[] x, double[] y) {
        XYSeries s = line(chart, name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return s;
    }

    private static void style(XYSeries s, int run) {
        s.setLineColor(tone(run, false));
        s.setLineWidth(2f);
    }

    /** Run 0 in blues, run 1 in greens, so compared runs stay apart on shared axes. */
    private static Color tone(int run, boolean light) {
        return switch (run % 2) {
            case 0 -> light ? new Color(0x6BAED6) : new Color(0x1F4E9A);
            default -> light ? new Color(0x74C476) : new Color(0x1B7A3A);
        };
    }

    private static String label(List<SimulationResult> runs, SimulationResult r, String series) {
        if (runs.size() == 1) {
            return series;
        }
        return r.scenarioName() + ": " + series;
    }

    private static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728), new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
    };
}
