package dev.netlab.common.testing;

import dev.netlab.common.report.Interval;
import dev.netlab.common.report.RunReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, fixed run reports for tests of anything that reads reports. */
public final class SampleReports {

    /** The shape of a filetransfer result, enough for tests of generic report readers. */
    public record ThroughputResult(boolean ok, long bytes, double seconds, double bytesPerSecond) {
    }

    private SampleReports() {
    }

    public static RunReport throughputRun(double bytesPerSecond) {
        return throughputRun(bytesPerSecond, 1);
    }

    /** A filetransfer send run; runs with different {@code streams} are different configurations. */
    public static RunReport throughputRun(double bytesPerSecond, int streams) {
        return RunReport.of("filetransfer", "send", Instant.parse("2026-11-26T10:00:00.123456Z"),
                Map.of("chunkSize", 1_048_576, "streams", streams),
                new ThroughputResult(true, 1_000_000, 2.0, bytesPerSecond),
                List.of(new Interval(0, 1, Map.of("bytes", 500_000.0)),
                        new Interval(1, 2, Map.of("bytes", 500_000.0))));
    }
}
