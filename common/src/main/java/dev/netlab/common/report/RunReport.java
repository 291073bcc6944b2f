package dev.netlab.common.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a netlab command, in the schema both tools share (DESIGN.md), so that
 * {@code compare} can put any two runs side by side. {@code result} is the tool's own summary
 * (a JSON tree, so a reader need not know the tool); {@code intervals} are per-second samples.
 */
public record RunReport(
        String schema,
        String tool,
        String command,
        String startedAt,
        HostInfo host,
        Map<String, Object> params,
        JsonNode result,
        List<Interval> intervals) {

    /** Bumped on any change a reader of older reports must know about. */
    public static final String SCHEMA = "netlab.report/1";

    /**
     * Builds a report of this host; {@code result} is any Jackson-serialisable value, usually
     * the tool's own result record.
     */
    public static RunReport of(String tool, String command, Instant startedAt,
                               Map<String, Object> params, Object result, List<Interval> intervals) {
        return new RunReport(SCHEMA, tool, command,
                startedAt.truncatedTo(ChronoUnit.MILLIS).toString(),
                HostInfo.current(),
                new LinkedHashMap<>(params),
                RunReportJson.mapper().valueToTree(result),
                List.copyOf(intervals));
    }
}
