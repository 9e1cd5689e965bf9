package dev.ebbflow.operator.simulate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

class ChartsTest {

    @Test
    void ticksAreRoundNumbers() {
        assertThat(ChartAxes.niceStep(6919, 5)).isEqualTo(2000);
        assertThat(ChartAxes.niceMax(6919, 5)).isEqualTo(8000);
        assertThat(ChartAxes.niceMax(699, 5)).isEqualTo(800);
        assertThat(ChartAxes.TimeUnit.HOURS.axisMax(24)).isEqualTo(24);
        assertThat(ChartAxes.TimeUnit.HOURS.axisMax(25)).isEqualTo(27);
        assertThat(ChartAxes.TimeUnit.MINUTES.axisMax(180)).isEqualTo(180);
        assertThat(ChartAxes.TimeUnit.MINUTES.axisMax(30)).isEqualTo(30);
        assertThat(ChartAxes.TimeUnit.MINUTES.axisMax(47)).isEqualTo(50);
        assertThat(ChartAxes.niceMax(0.37, 5)).isEqualTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(ChartAxes.niceMax(0, 5)).isEqualTo(1);
    }

    @Test
    void aDayIsChartedInHoursAndAnHourInMinutes() {
        assertThat(ChartAxes.timeUnit(24 * 60)).isEqualTo(ChartAxes.TimeUnit.HOURS);
        assertThat(ChartAxes.timeUnit(60)).isEqualTo(ChartAxes.TimeUnit.MINUTES);
        XYChart day = Charts.pods(List.of(run("day", Duration.ofHours(24))));
        assertThat(day.getXAxisTitle()).isEqualTo("hours");
        double[] hours = day.getSeriesMap().get("desired w").getXData();
        assertThat(hours[hours.length - 1]).isEqualTo(24.0);
        assertThat(day.getStyler().getXAxisMax()).isEqualTo(24.0);
    }

    @Test
    void theArrivalRateAxisIsOnTheRight() {
        XYChart chart = Charts.queueDepth(List.of(run("a", Duration.ofHours(1))));
        assertThat(chart.getStyler().getYAxisGroupPosistion(1)).isEqualTo(Styler.YAxisPosition.Right);
        assertThat(chart.getSeriesMap().get("arrival rate q (right axis)").getYAxisGroup()).isEqualTo(1);
        assertThat(chart.getSeriesMap().get("backlog q").getYAxisGroup()).isZero();
    }

    @Test
    void desiredReadyAndPendingHaveTheirOwnColoursAndComparedRunsTheirOwnLineStyle() {
        XYChart chart = Charts.pods(List.of(run("a", Duration.ofHours(1)), run("b", Duration.ofHours(1))));
        Map<String, XYSeries> s = chart.getSeriesMap();
        assertThat(List.of(s.get("a: desired w").getLineColor(), s.get("a: ready w").getLineColor(), s.get("a: pending w").getLineColor()))
                .doesNotHaveDuplicates();
        assertThat(s.get("b: ready w").getLineColor()).isEqualTo(s.get("a: ready w").getLineColor());
        // The legend draws each series with its own stroke, so styling the series styles its legend entry.
        assertThat(s.get("a: desired w").getLineStyle()).isEqualTo(Charts.stroke(0));
        assertThat(s.get("b: desired w").getLineStyle()).isEqualTo(Charts.stroke(1));
        assertThat(s.get("b: ready w").getLineStyle()).isEqualTo(Charts.underlay(1));
        assertThat(Charts.stroke(1).getDashArray()).isNotNull();
        assertThat(Charts.stroke(0).getDashArray()).isNull();
        assertThat(chart.getStyler().getLegendPosition()).isEqualTo(Styler.LegendPosition.OutsideE);
    }

    @Test
    void theSummaryCountsTheEventsTheTableLists() {
        List<ScaleEvent> events = List.of(
                new ScaleEvent(Duration.ZERO, "deployment/w", "keda", 0, 1, ""),
                new ScaleEvent(Duration.ofMinutes(1), "deployment/w", "hpa", 1, 4, ""),
                new ScaleEvent(Duration.ofMinutes(2), "nodepool/default", "provisioner", 0, 1, ""),
                new ScaleEvent(Duration.ofMinutes(9), "nodepool/default", "emptiness", 1, 0, ""));
        assertThat(ScaleEventCounts.of(events)).isEqualTo(new ScaleEventCounts(4, 2, 2));
        SimulationResult r = new SimulationResult("a", Path.of("a.yaml"), 1, Duration.ofHours(1), Duration.ofSeconds(1),
                run("a", Duration.ofHours(1)).summary(), new TimeSeries(), events);
        assertThat(SummaryTable.rows(r).get("scale events")).isEqualTo("4 (2 of replicas, 2 of nodes)");
    }

    private static SimulationResult run(String name, Duration duration) {
        TimeSeries series = new TimeSeries();
        long minutes = duration.toMinutes();
        for (long m = 0; m <= minutes; m += Math.max(1, minutes / 96)) {
            series.next(m);
            series.set(Columns.desired("w"), 3);
            series.set(Columns.ready("w"), 2);
            series.set(Columns.pending("w"), 1);
            series.set(Columns.backlog("q"), 40);
            series.set(Columns.arrivalRate("q"), 7);
        }
        Summary summary = new Summary(
                List.of(new Summary.QueueSummary("q", 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Optional.empty(), 0, Optional.empty())),
                List.of(new Summary.WorkloadSummary("w", 3, 3, 2)), Map.of(), Map.of(), 0, 0, 0, 0, 0, Duration.ZERO, Optional.empty());
        return new SimulationResult(name, Path.of(name + ".yaml"), 1, duration, Duration.ofSeconds(1), summary, series, List.of());
    }

    @Test
    void readyIsDrawnWiderAndBeforeDesiredSoDesiredStaysVisibleWhereTheyAreEqual() {
        XYChart chart = Charts.pods(List.of(run("a", Duration.ofHours(1))));
        List<String> order = List.copyOf(chart.getSeriesMap().keySet());
        assertThat(order.indexOf("ready w")).isLessThan(order.indexOf("desired w"));
        assertThat(chart.getSeriesMap().get("ready w").getLineStyle().getLineWidth())
                .isGreaterThan(chart.getSeriesMap().get("desired w").getLineStyle().getLineWidth());
    }
}
