package dev.netlab.filetransfer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.report.RunReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSummaryTest {

    private static RunReport run(String tool, double seconds) {
        return RunReport.of(tool, "send", Instant.parse("2026-11-26T10:00:00Z"), Map.of("data", "64m"),
                new BenchSummary.Row(true, seconds, 64 * 1048576 / seconds, null), List.of());
    }

    @Test
    void theRatioToEachPeerIsTheRatioOfMedianTimes() {
        List<RunReport> rows = List.of(run("filetransfer", 2.0), run("nc", 1.0), run("filetransfer", 3.0),
                run("nc", 1.5), run("filetransfer", 2.2), run("nc", 9.0));

        assertThat(BenchSummary.ratios(rows)).containsExactly(
                "netlab/nc = 1.47  (filetransfer send; ratio of median whole-command times, below 1 netlab is faster)");
    }

    @Test
    void variantsAndDataFormTheExpectedMatrix() {
        List<NetlabVariant> variants = NetlabVariant.matrix(List.of(), List.of(1, 4), List.of(false, true));

        assertThat(variants).extracting(NetlabVariant::slug)
                .containsExactly("s1-cdefault-plain", "s4-cdefault-plain", "s1-cdefault-tls", "s4-cdefault-tls");
        assertThat(variants.get(3).sendOptions()).containsExactly("--streams", "4", "--tls");
        assertThat(new NetlabVariant(256L * 1024, 1, false).sendOptions())
                .containsExactly("--chunk-size", "256k", "--streams", "1");
    }
}
