package dev.netlab.filetransfer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.netlab.bench.ChildRun;
import dev.netlab.bench.OutsideTiming;
import dev.netlab.common.report.Interval;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's report of one {@code filetransfer send}: the tool's own result (measured from
 * inside, without JVM start-up) with its per-file digest list left out, plus {@code outside}, the
 * whole command timed from outside, and the name of the tool's own report; params are the
 * benchmark's, so repeats group together and line up with the peers' runs.
 */
final class NetlabRunReport {

    private NetlabRunReport() {
    }

    /** @param toolReport the report send wrote, or null when it wrote none */
    static RunReport of(NetlabVariant variant, TransferData data, Instant started, ChildRun run,
                        RunReport toolReport, String toolReportName) {
        ObjectNode result = RunReportJson.mapper().createObjectNode();
        List<Interval> intervals = List.of();
        if (toolReport != null && toolReport.result() != null && toolReport.result().isObject()) {
            result = ((ObjectNode) toolReport.result()).deepCopy();
            List<String> arrays = new ArrayList<>();
            result.fields().forEachRemaining(field -> {
                if (field.getValue().isArray()) {
                    arrays.add(field.getKey());
                }
            });
            result.remove(arrays);
            intervals = toolReport.intervals() == null ? List.of() : toolReport.intervals();
        } else {
            result.put("ok", false);
            result.put("files", data.files());
            result.put("bytes", data.bytes());
        }
        if (!run.succeeded()) {
            result.put("ok", false);
            result.put("exitCode", run.exitCode());
            result.put("error", run.lastErrorLine());
        }
        JsonNode outside = RunReportJson.mapper().valueToTree(OutsideTiming.of(data.bytes(), run.seconds()));
        result.set("outside", outside);
        if (toolReport != null) {
            result.put("toolReport", toolReportName);
        }
        return RunReport.of("filetransfer", "send", started, variant.params(data), result, intervals);
    }
}
