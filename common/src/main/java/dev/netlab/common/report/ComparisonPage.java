package dev.netlab.common.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One self-contained HTML page comparing runs: the {@link ReportTable} and charts drawn with
 * XChart, embedded as PNG data URIs so the page opens offline, without scripts or fonts from a
 * CDN. Which charts appear depends on what the reports hold:
 * <ul>
 *   <li>throughput per configuration, where results have {@code bytesPerSecond};
 *   <li>throughput over time within each run, from the per-second intervals;
 *   <li>residual loss and SNR against the loss rate per scheme, for stream runs whose params
 *       have a {@code loss} rate.
 * </ul>
 */
public final class ComparisonPage {

    private static final int WIDTH = ChartFigures.WIDTH;
    private static final int HEIGHT = ChartFigures.HEIGHT;
    private static final double MIB = 1024 * 1024;

    private final ReportTable table;
    private final Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();

    public ComparisonPage(List<RunReport> runs, int baseline) {
        this(new ReportTable(runs, baseline));
    }

    /** A page around a table already built, so its runs are grouped only once. */
    public ComparisonPage(ReportTable table) {
        this.table = table;
        addThroughputPerConfiguration();
        addThroughputOverTime();
        addAgainstLossRate("residual loss (%)", ComparisonPage::residualLossPercent);
        addAgainstLossRate("SNR (dB)", group -> group.median("snrDb"));
    }

    /** The titles of the charts this page holds, in page order. */
    public List<String> chartTitles() {
        return List.copyOf(charts.keySet());
    }

    private void addThroughputPerConfiguration() {
        List<String> labels = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < table.groups().size(); i++) {
            Double rate = table.groups().get(i).median("bytesPerSecond");
            if (rate != null) {
                labels.add("#" + (i + 1)); // the column of the table above; full labels overlap
                rates.add(rate / MIB);
            }
        }
        if (rates.isEmpty()) {
            return;
        }
        String title = "Throughput per configuration (median MiB/s; #N is the table's column)";
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).yAxisTitle("MiB/s").build();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries("throughput", labels, rates);
        ChartFigures.style(chart);
        charts.put(title, chart);
    }

    private void addThroughputOverTime() {
        String title = "Throughput over time (MiB/s, one line per run)";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle("seconds").yAxisTitle("MiB/s").build();
        int run = 0;
        for (RunGroup group : table.groups()) {
            for (RunReport report : group.runs()) {
                run++;
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (Interval interval : report.intervals() == null ? List.<Interval>of() : report.intervals()) {
                    Double rate = intervalRate(interval);
                    if (rate != null) {
                        x.add(interval.end());
                        y.add(rate / MIB);
                    }
                }
                if (!x.isEmpty()) {
                    chart.addSeries("#" + run + " " + group.label(), x, y);
                }
            }
        }
        if (!chart.getSeriesMap().isEmpty()) {
            ChartFigures.style(chart);
            charts.put(title, chart);
        }
    }

    private static Double intervalRate(Interval interval) {
        Map<String, Double> values = interval.values();
        if (values == null) {
            return null;
        }
        if (values.containsKey("bytesPerSecond")) {
            return values.get("bytesPerSecond");
        }
        double seconds = interval.end() - interval.start();
        return values.containsKey("bytes") && seconds > 0 ? values.get("bytes") / seconds : null;
    }

    private interface Measure {
        Double of(RunGroup group);
    }

    private void addAgainstLossRate(String measureName, Measure measure) {
        Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
        for (RunGroup group : table.groups()) {
            Double loss = lossPercent(group.param("loss"));
            Double value = measure.of(group);
            if (loss != null && value != null && !value.isInfinite()) {
                series.computeIfAbsent(schemeOf(group), k -> new TreeMap<>()).put(loss, value);
            }
        }
        if (series.isEmpty()) {
            return;
        }
        String title = measureName + " against loss rate";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle("loss rate (%)").yAxisTitle(measureName).build();
        series.forEach((scheme, points) ->
                chart.addSeries(scheme, new ArrayList<>(points.keySet()), new ArrayList<>(points.values())));
        ChartFigures.style(chart);
        charts.put(title, chart);
    }

    private static Double residualLossPercent(RunGroup group) {
        Double residual = group.median("residualLoss");
        if (residual != null) {
            return residual * 100;
        }
        Double concealed = group.median("concealed");
        Double expected = group.median("expected");
        return concealed == null || expected == null || expected == 0 ? null : 100 * concealed / expected;
    }

    private static Double lossPercent(JsonNode loss) {
        if (loss == null) {
            return null;
        }
        if (loss.isNumber()) {
            double value = loss.doubleValue();
            return value <= 1 ? value * 100 : value;
        }
        String text = loss.asText().trim();
        try {
            return text.endsWith("%")
                    ? Double.parseDouble(text.substring(0, text.length() - 1))
                    : Double.parseDouble(text) * 100;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A stream run's scheme: every param but the loss rate and the repeat number. */
    private static String schemeOf(RunGroup group) {
        Map<String, Object> params = new TreeMap<>(group.runs().get(0).params());
        params.keySet().removeIf(k -> k.equals("loss") || k.equals("repeat"));
        return params.isEmpty() ? "runs" : params.toString();
    }

    public String render() throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>netlab comparison</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;margin-bottom:2em}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
                .append("td:first-child,th:first-child{text-align:left}")
                .append("figure{margin:0 0 2em 0}img{max-width:100%}\n</style>\n</head>\n<body>\n")
                .append("<h1>netlab comparison</h1>\n<table>\n");
        boolean header = true;
        for (String[] row : table.rows()) {
            html.append("<tr>");
            for (String cell : row) {
                String tag = header ? "th" : "td";
                html.append('<').append(tag).append('>').append(escape(cell)).append("</").append(tag).append('>');
            }
            html.append("</tr>\n");
            header = false;
        }
        html.append("</table>\n");
        for (Map.Entry<String, Chart<?, ?>> chart : charts.entrySet()) {
            html.append(ChartFigures.figure(chart.getKey(), chart.getValue()));
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static String escape(String text) {
        return ChartFigures.escape(text);
    }
}
