package dev.netlab.livestream.bench;

import dev.netlab.common.report.RunGroup;
import dev.netlab.common.report.RunReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The table a livestream benchmark prints: one row per variant (medians over its repeats) with
 * the numbers a listener cares about. {@code compare} shows every field; this shows these.
 */
final class StreamSummary {

    private static final String HEADER_FORMAT = "%-6s %-5s %-11s %-3s %9s %9s %8s %8s %8s %8s%n";
    private static final String ROW_FORMAT = "%-6s %-5s %-11s %-3s %8.2f%% %9s %8s %8.1f %8.1f %8.3f%n";

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
                    orZero(group.median("latencyMs.p99")), orZero(group.median("overhead")));
        }
        out.flush();
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static String whole(Double value) {
        return value == null ? "-" : String.valueOf(Math.round(value));
    }

    private static String snr(RunGroup group) {
        Double snr = group.median("snrDb");
        if (snr != null) {
            return String.format(Locale.ROOT, "%.1f", snr);
        }
        Double identical = group.median("identicalToSource");
        return identical != null && identical > 0 ? "exact" : "-";
    }
}
