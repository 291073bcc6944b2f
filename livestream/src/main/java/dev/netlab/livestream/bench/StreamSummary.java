package dev.netlab.livestream.bench;

import dev.netlab.bench.Medians;
import dev.netlab.common.report.RunGroup;
import dev.netlab.common.report.RunReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table a livestream benchmark prints: one row per variant (medians over its repeats) with
 * the numbers a listener cares about. {@code compare} shows every field; this shows these.
 */
final class StreamSummary {

    private static final String HEADER_FORMAT = "%-6s %-5s %-11s %-3s %9s %9s %8s %8s %8s %8s%n";
    private static final String ROW_FORMAT = "%-6s %-5s %-11s %-3s %8.2f%% %9s %8s %8.1f %8.1f %8s%n";

    private StreamSummary() {
    }

    static void print(List<RunReport> reports, PrintWriter out) {
        out.printf(Locale.ROOT, HEADER_FORMAT, "loss", "burst", "fec", "rtx", "residual", "concealed", "SNR dB",
                "p50 ms", "p99 ms", "overhead");
        for (RunGroup group : RunGroup.of(reports)) {
            var params = group.runs().get(0).params();
            out.printf(Locale.ROOT, ROW_FORMAT, params.get("loss"), params.get("burst"), params.get("fec"),
                    params.get("retransmit"), orZero(group.median("residualLoss")) * 100,
                    whole(group.median("concealed")), snr(group), orZero(group.median("latencyMs.p50")),
                    orZero(group.median("latencyMs.p99")), ratio(group.median("overhead")));
        }
        out.flush();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static String ratio(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String whole(Double value) {
        return value == null ? "-" : String.valueOf(Math.round(value));
    }

    /** The median SNR with bit-exact runs counted as infinitely good, so they are not left out. */
    static String snr(RunGroup group) {
        List<Double> values = new ArrayList<>();
        for (RunReport run : group.runs()) {
            if (run.result().path("identicalToSource").asBoolean(false)) {
                values.add(Double.POSITIVE_INFINITY);
            } else if (run.result().path("snrDb").isNumber()) {
                values.add(run.result().path("snrDb").asDouble());
            }
        }
        if (values.isEmpty()) {
            return "-";
        }
        double median = Medians.of(values);
        return Double.isInfinite(median) ? "exact" : String.format(Locale.ROOT, "%.1f", median);
    }
}
