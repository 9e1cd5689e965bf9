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
 * The report's charts, built with XChart from one or more runs. With several runs all runs share one
 * chart, hence the same axes: a series keeps its colour in every run and each run has its own line
 * style (the first solid, the second dashed), named in the legend.
 */
public final class Charts {

    public static final int WIDTH = 1100;
    public static final int HEIGHT = 400;
    /** Ticks wanted on each value axis. */
    static final int TICKS = 5;

    static final Color BLUE = new Color(0x1F77B4);
    static final Color GREEN = new Color(0x2CA02C);
    static final Color RED = new Color(0xD62728);
    static final Color ORANGE = new Color(0xFF7F0E);

    private static final float WIDTH_PX = 2f;
    /** Ready pods follow desired ones most of the time: drawn wider and first, so desired stays visible on top. */
    private static final float UNDERLAY_WIDTH_PX = 5f;

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

    /** The line of run {@code run}: the first solid, the next dashed. */
    static BasicStroke stroke(int run) {
        return stroke(run, WIDTH_PX);
    }

    static BasicStroke stroke(int run, float width) {
        return run % 2 == 0 ? new BasicStroke(width)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 4f}, 0f);
    }

    /** The wider line drawn under the others of its chart. */
    static BasicStroke underlay(int run) {
        return stroke(run, UNDERLAY_WIDTH_PX);
    }

    /** Backlog on the left axis, arrival rate (messages/s) on the right. */
    public static XYChart queueDepth(List<SimulationResult> runs) {
        XYChart chart = base(runs, "Queue depth and arrival rate", "messages waiting");
        chart.setYAxisGroupTitle(1, "arrivals per second");
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        double backlogMax = 0;
        double rateMax = 0;
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            for (Summary.QueueSummary q : r.summary().queues()) {
                double[] backlog = r.series().column(Columns.backlog(q.name()));
                double[] rate = r.series().column(Columns.arrivalRate(q.name()));
                look(line(chart, runs, r, "backlog " + q.name(), backlog), BLUE, i);
                look(line(chart, runs, r, "arrival rate " + q.name() + " (right axis)", rate), ORANGE, i).setYAxisGroup(1);
                backlogMax = Math.max(backlogMax, ChartAxes.max(backlog));
                rateMax = Math.max(rateMax, ChartAxes.max(rate));
            }
        }
        chart.getStyler().setYAxisMax(0, ChartAxes.niceMax(backlogMax, TICKS));
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, ChartAxes.niceMax(rateMax, TICKS));
        return chart;
    }

    public static XYChart pods(List<SimulationResult> runs) {
        XYChart chart = base(runs, "Pods: desired, ready and pending", "pods");
        double max = 0;
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            for (Summary.WorkloadSummary w : r.summary().workloads()) {
                double[] desired = r.series().column(Columns.desired(w.name()));
                look(step(chart, runs, r, "ready " + w.name(), r.series().column(Columns.ready(w.name()))), GREEN, i)
                        .setLineStyle(underlay(i));
                look(step(chart, runs, r, "desired " + w.name(), desired), BLUE, i);
                double[] pending = r.series().column(Columns.pending(w.name()));
                look(step(chart, runs, r, "pending " + w.name(), pending), RED, i);
                max = Math.max(max, Math.max(ChartAxes.max(desired), ChartAxes.max(pending)));
            }
        }
        chart.getStyler().setYAxisMax(ChartAxes.niceMax(max, TICKS));
        return chart;
    }

    public static XYChart nodes(List<SimulationResult> runs) {
        XYChart chart = base(runs, "Nodes by instance type", "nodes");
        // One colour per instance type across runs, so the same type is the same colour in both.
        List<String> types = runs.stream().flatMap(r -> r.series().nodesByType().keySet().stream()).distinct().sorted().toList();
        double max = 0;
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            for (Map.Entry<String, double[]> e : r.series().nodesByType().entrySet()) {
                look(step(chart, runs, r, e.getKey(), e.getValue()), PALETTE[types.indexOf(e.getKey()) % PALETTE.length], i);
                max = Math.max(max, ChartAxes.max(e.getValue()));
            }
            if (r.series().nodesByType().isEmpty()) {
                look(step(chart, runs, r, "no nodes", r.series().column(Columns.NODES)), Color.GRAY, i);
            }
        }
        chart.getStyler().setYAxisMax(ChartAxes.niceMax(max, TICKS));
        return chart;
    }

    public static XYChart cost(List<SimulationResult> runs) {
        XYChart chart = base(runs, "Cumulative cost", "USD");
        double max = 0;
        for (int i = 0; i < runs.size(); i++) {
            SimulationResult r = runs.get(i);
            double[] cost = r.series().column(Columns.COST);
            look(line(chart, runs, r, "cost", cost), BLUE, i);
            max = Math.max(max, ChartAxes.max(cost));
        }
        chart.getStyler().setYAxisMax(ChartAxes.niceMax(max, TICKS));
        return chart;
    }

    private static XYChart base(List<SimulationResult> runs, String title, String yTitle) {
        double lastMinute = lastMinute(runs);
        ChartAxes.TimeUnit unit = ChartAxes.timeUnit(lastMinute);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(unit.title).yAxisTitle(yTitle).build();
        // To the right of the plot and stacked, the legend always fits in the image, however many series.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendSeriesLineLength(36);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xE5E5E5));
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(unit.axisMax(lastMinute / unit.minutes));
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        chart.getStyler().putYAxisGroupDecimalPatternMap(1, "#,##0.##");
        // XChart puts time ticks on the samples themselves when they are equally spaced (every 8th
        // sample: 0, 8, 16 minutes); one hidden point off that grid makes it choose round steps instead.
        XYSeries offGrid = chart.addSeries(" ", new double[] {0, unit.axisMax(lastMinute / unit.minutes) * 0.000731}, new double[] {0, 0});
        offGrid.setShowInLegend(false);
        offGrid.setMarker(SeriesMarkers.NONE);
        offGrid.setLineColor(new Color(0, 0, 0, 0));
        return chart;
    }

    private static double lastMinute(List<SimulationResult> runs) {
        return runs.stream().mapToDouble(r -> r.duration().toMillis() / 60_000.0).max().orElse(0);
    }

    private static XYSeries line(XYChart chart, List<SimulationResult> runs, SimulationResult r, String name, double[] y) {
        double[] minutes = r.series().minutes();
        ChartAxes.TimeUnit unit = ChartAxes.timeUnit(lastMinute(runs));
        double[] x = new double[minutes.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = minutes[i] / unit.minutes;
        }
        XYSeries s = chart.addSeries(runs.size() == 1 ? name : r.scenarioName() + ": " + name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        return s;
    }

    private static XYSeries step(XYChart chart, List<SimulationResult> runs, SimulationResult r, String name, double[] y) {
        XYSeries s = line(chart, runs, r, name, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        return s;
    }

    private static XYSeries look(XYSeries s, Color colour, int run) {
        s.setLineColor(colour);
        s.setLineStyle(stroke(run));
        return s;
    }

    private static final Color[] PALETTE = {
        BLUE, ORANGE, GREEN, RED, new Color(0x9467BD),
        new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF),
    };
}
