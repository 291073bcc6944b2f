package dev.netlab.lab.page;

import dev.netlab.common.report.ChartFigures;
import dev.netlab.lab.media.PacketArrivals;
import dev.netlab.lab.media.PlayoutTimeline;
import dev.netlab.lab.run.FileRun;
import dev.netlab.lab.run.MediaRun;
import dev.netlab.lab.run.LabSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The lab's page: one self-contained HTML file (charts drawn with XChart and embedded as PNG
 * data URIs, no script, nothing fetched) with the playout timeline of both media runs at one
 * loss rate, TCP's per-packet delay, bars per loss rate for both experiments, the table, and
 * a few sentences that tie each result to the socket concept behind it.
 */
public final class LabPage {

    private static final int WIDTH = ChartFigures.WIDTH;
    private static final int HEIGHT = ChartFigures.HEIGHT;
    /** The loss rate the timeline shows when it was run: heavy enough for TCP to stall often. */
    private static final double TIMELINE_LOSS = 10;

    private final List<MediaRun> media;
    private final List<FileRun> files;
    private final Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();

    public LabPage(List<MediaRun> media, List<FileRun> files) {
        this.media = media;
        this.files = files;
        timelineLoss().ifPresent(loss -> {
            addPlayoutTimeline(loss);
            addTcpDelay(loss);
        });
        addBars("Media: packets played on time (%)", "%", media, MediaRun::transport, MediaRun::lossPercent,
                run -> run.result().onTimePercent());
        addBars("Media: longest stall, no new audio (ms)", "ms", media, MediaRun::transport, MediaRun::lossPercent,
                run -> run.result().longestStallMs());
        // A reliable transfer stopped at the time limit is not a loss: its bar counts what had
        // not arrived yet, and the title says so (filetransfer writes nothing before it verifies).
        addBars("Files: bytes missing at the end, or still on the way at the time limit (% of the file)", "%",
                files, FileRun::transport, FileRun::lossPercent,
                run -> 100.0 * run.result().bytesMissing() / run.result().bytes());
        addBars("Files: time (s)", "s", files, FileRun::transport, FileRun::lossPercent, run -> run.result().seconds());
    }

    /** The titles of the charts, in page order. */
    public List<String> chartTitles() {
        return List.copyOf(charts.keySet());
    }

    /** The loss rate of the timeline: 10 % if it ran, else the highest one below, else the lowest above. */
    private Optional<Double> timelineLoss() {
        Optional<Double> below = media.stream().map(MediaRun::lossPercent).filter(l -> l <= TIMELINE_LOSS)
                .max(Double::compare);
        return below.isPresent() && below.get() > 0 ? below
                : media.stream().map(MediaRun::lossPercent).filter(l -> l > 0).min(Double::compare).or(() -> below);
    }

    private void addPlayoutTimeline(double loss) {
        String title = "Playout at " + LabTable.percent(loss) + " loss: each mark is 5 ms of concealed audio";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("seconds into the clip").yAxisTitle("").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(3.0);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        double lane = 2;
        for (MediaRun run : media) {
            if (run.lossPercent() != loss) {
                continue;
            }
            PlayoutTimeline timeline = run.timeline();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int slot = 0; slot < timeline.slots(); slot++) {
                if (!timeline.onTime(slot)) {
                    x.add(slot * timeline.slotNanos() / 1e9);
                    y.add(lane);
                }
            }
            if (x.isEmpty()) {
                x.add(0.0);
                y.add(Double.NaN);
            }
            String label = run.transport().equals("tcp")
                    ? "tcp (y = 2): stalled, waiting for a retransmission"
                    : run.transport() + " (y = 1): a lost datagram concealed, the next one played";
            chart.addSeries(label, x, y).setMarker(SeriesMarkers.SQUARE);
            lane--;
        }
        ChartFigures.style(chart);
        charts.put(title, chart);
    }

    private void addTcpDelay(double loss) {
        for (MediaRun run : media) {
            if (run.lossPercent() != loss || run.arrivals() == null) {
                continue;
            }
            String title = "TCP at " + LabTable.percent(loss) + " loss: how late each packet arrived (ms)";
            PacketArrivals arrivals = run.arrivals();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            long first = arrivals.arrived(0) ? arrivals.due(0) : 0;
            for (int seq = 0; seq < arrivals.packets(); seq++) {
                if (arrivals.arrived(seq)) {
                    x.add((arrivals.due(seq) - first) / 1e9);
                    y.add((arrivals.arrival(seq) - arrivals.due(seq)) / 1e6);
                }
            }
            if (x.isEmpty()) {
                return;
            }
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle("seconds into the clip").yAxisTitle("ms from send to arrival").build();
            chart.getStyler().setXAxisDecimalPattern("0.0");
            chart.getStyler().setXAxisTickMarkSpacingHint(80);
            chart.addSeries("delay of each packet", x, y).setMarker(SeriesMarkers.NONE);
            double budget = LabSettings.LATENCY_BUDGET.toMillis();
            chart.addSeries("playout deadline (" + (long) budget + " ms): later is too late",
                    List.of(x.get(0), x.get(x.size() - 1)), List.of(budget, budget)).setMarker(SeriesMarkers.NONE);
            ChartFigures.style(chart);
            charts.put(title, chart);
        }
    }

    private <R> void addBars(String title, String unit, List<R> runs, java.util.function.Function<R, String> transport,
                             ToDoubleFunction<R> loss, ToDoubleFunction<R> value) {
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        List<String> losses = new ArrayList<>();
        for (R run : runs) {
            String l = LabTable.percent(loss.applyAsDouble(run));
            if (!losses.contains(l)) {
                losses.add(l);
            }
            series.computeIfAbsent(transport.apply(run), k -> new LinkedHashMap<>()).put(l, value.applyAsDouble(run));
        }
        if (series.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("loss rate, each direction").yAxisTitle(unit).build();
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        series.forEach((name, values) -> chart.addSeries(name, losses,
                losses.stream().map(l -> values.getOrDefault(l, 0.0)).toList()));
        ChartFigures.style(chart);
        charts.put(title, chart);
    }

    public String render() throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>netlab lab: TCP against UDP on a lossy link</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:62em}")
                .append("pre{background:#f6f6f6;padding:1em;overflow-x:auto}")
                .append("figure{margin:0 0 2em 0}img{max-width:100%}\n</style>\n</head>\n<body>\n")
                .append("<h1>TCP against UDP on a lossy link</h1>\n")
                .append("<p>Two network namespaces joined by a veth pair; nftables drops the given share of the ")
                .append("packets in each direction at random. The same audio clip (5 ms packets, ")
                .append(LabSettings.LATENCY_BUDGET.toMillis()).append(" ms latency budget) went over one plain TCP ")
                .append("connection and over livestream; the same file went as bare UDP datagrams, over plain TCP ")
                .append("and with filetransfer.</p>\n<h2>What happened, and why</h2>\n");
        for (String sentence : LabVerdicts.of(media, files)) {
            html.append("<p>").append(escape(sentence)).append("</p>\n");
        }
        for (Map.Entry<String, Chart<?, ?>> chart : charts.entrySet()) {
            html.append(ChartFigures.figure(chart.getKey(), chart.getValue()));
        }
        html.append("<h2>The numbers</h2>\n<pre>").append(escape(LabTable.render(media, files))).append("</pre>\n");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static String escape(String text) {
        return ChartFigures.escape(text);
    }
}
