package dev.netlab.filetransfer.bench;

import dev.netlab.bench.Medians;
import dev.netlab.common.report.ReportTable;
import dev.netlab.common.report.RunGroup;
import dev.netlab.common.report.RunReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The summary a benchmark prints: per piece of data, a {@link ReportTable} of the medians of each
 * configuration (whole-command time and rate from outside, the tool's own rate from inside) with
 * ratios to the first netlab configuration, then one line per peer with the ratio of median times,
 * the way peers.sh judges netlab.
 */
final class BenchSummary {

    /** What the summary table shows of each run. */
    record Row(boolean ok, double seconds, double bytesPerSecond, Double insideBytesPerSecond) {
    }

    private BenchSummary() {
    }

    static void print(List<RunReport> reports, PrintWriter out) {
        Set<String> labels = new LinkedHashSet<>();
        reports.forEach(r -> labels.add(String.valueOf(r.params().get("data"))));
        for (String label : labels) {
            List<RunReport> rows = new ArrayList<>();
            for (RunReport report : reports) {
                if (label.equals(String.valueOf(report.params().get("data")))) {
                    rows.add(row(report));
                }
            }
            out.println();
            out.println("data " + label + ": medians; seconds and bytesPerSecond are whole commands timed from outside");
            out.print(new ReportTable(rows, 0).render());
            ratios(rows).forEach(out::println);
        }
        out.flush();
    }

    private static RunReport row(RunReport report) {
        var result = report.result();
        var outside = result.path("outside");
        Double inside = report.tool().equals("filetransfer") && result.has("bytesPerSecond")
                ? result.path("bytesPerSecond").asDouble() : null;
        Row row = new Row(result.path("ok").asBoolean(), outside.path("seconds").asDouble(),
                outside.path("bytesPerSecond").asDouble(), inside);
        return new RunReport(report.schema(), report.tool(), report.command(), report.startedAt(), report.host(),
                report.params(), dev.netlab.common.report.RunReportJson.mapper().valueToTree(row), List.of());
    }

    /** {@code netlab/nc = 1.85 (median time ...)} for each peer, against each netlab configuration. */
    static List<String> ratios(List<RunReport> rows) {
        Map<String, Double> netlab = new LinkedHashMap<>();
        Map<String, Double> peers = new LinkedHashMap<>();
        for (RunGroup group : RunGroup.of(rows)) {
            List<Double> seconds = new ArrayList<>();
            group.runs().forEach(r -> seconds.add(r.result().path("seconds").asDouble()));
            boolean ours = group.runs().get(0).tool().equals("filetransfer");
            (ours ? netlab : peers).put(ours ? group.label() : group.runs().get(0).tool(), Medians.of(seconds));
        }
        List<String> lines = new ArrayList<>();
        netlab.forEach((config, ourTime) -> peers.forEach((peer, peerTime) -> lines.add(String.format(Locale.ROOT,
                "netlab/%s = %.2f  (%s; ratio of median whole-command times, below 1 netlab is faster)",
                peer, ourTime / peerTime, config))));
        return lines;
    }
}
