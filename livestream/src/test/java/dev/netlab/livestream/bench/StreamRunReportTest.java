package dev.netlab.livestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.bench.ChildCommand;
import dev.netlab.bench.ChildRun;
import dev.netlab.common.report.RunReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamRunReportTest {

    private static final ChildRun PLAYED = new ChildRun(ChildCommand.of("play"), 0, "", "", 3.5);

    private static RunReport playReport(Map<String, Object> result) {
        return RunReport.of("livestream", "play", Instant.parse("2026-11-26T10:00:00Z"), Map.of(), result, List.of());
    }

    @Test
    void residualLossIsThePlayersPercentageAsAFractionAndOverheadCountsHeaders() {
        RunReport tool = playReport(Map.of("ok", true, "expected", 600, "concealed", 69, "residualLossPercent", 11.5));

        RunReport report = StreamRunReport.of(new StreamVariant(0.05, 0, "xor-row:4", true), Instant.now(), PLAYED, tool,
                new UdpCountingRelay.Counts(100, 100_000), 50_000, 12.5);

        assertThat(report.params()).containsEntry("loss", "5%").containsEntry("fec", "xor-row:4");
        assertThat(report.result().path("residualLoss").asDouble()).isEqualTo(0.115);
        assertThat(report.result().path("snrDb").asDouble()).isEqualTo(12.5);
        assertThat(report.result().path("wireBytes").asLong()).isEqualTo(100_000 + 28 * 100);
        assertThat(report.result().path("overhead").asDouble()).isEqualTo(102_800 / 50_000.0);
        assertThat(report.result().path("outside").path("seconds").asDouble()).isEqualTo(3.5);
    }

    @Test
    void withoutAPercentageResidualLossIsConcealedOverExpectedAndThePlayersSnrWins() {
        RunReport tool = playReport(Map.of("ok", true, "expected", 200, "concealed", 10, "snrDb", 20.0));

        RunReport report = StreamRunReport.of(new StreamVariant(0.1, 2, "none", false), Instant.now(), PLAYED, tool,
                new UdpCountingRelay.Counts(0, 0), 1, 99.0);

        assertThat(report.result().path("residualLoss").asDouble()).isEqualTo(0.05);
        assertThat(report.result().path("snrDb").asDouble()).isEqualTo(20.0);
        assertThat(report.params()).containsEntry("burst", 2L).containsEntry("retransmit", "off");
    }

    @Test
    void aFailedPlayIsReportedNotOkWithItsLastErrorLine() {
        ChildRun failed = new ChildRun(ChildCommand.of("play"), 3, "", "error: server did not answer\n", 5.0);

        RunReport report = StreamRunReport.of(new StreamVariant(0, 0, "none", true), Instant.now(), failed, null,
                new UdpCountingRelay.Counts(0, 0), 1000, null);

        assertThat(report.result().path("ok").asBoolean()).isFalse();
        assertThat(report.result().path("exitCode").asInt()).isEqualTo(3);
        assertThat(report.result().path("error").asText()).isEqualTo("error: server did not answer");
    }

    @Test
    void lossLabelsAndTheMatrixOrderKeepEachSchemeASeriesOverLoss() {
        assertThat(new StreamVariant(0.005, 0, "none", true).lossLabel()).isEqualTo("0.5%");
        assertThat(new StreamVariant(0.2, 0, "rs:8+2", false).slug()).isEqualTo("loss20-burst0-rs8p2-nortx");

        List<StreamVariant> matrix = StreamVariant.matrix(List.of(0.0, 0.1), List.of(0.0), List.of("none", "rs:8+2"), List.of(true));

        assertThat(matrix).extracting(StreamVariant::slug).containsExactly("loss0-burst0-none-rtx",
                "loss10-burst0-none-rtx", "loss0-burst0-rs8p2-rtx", "loss10-burst0-rs8p2-rtx");
    }

    @Test
    void withoutACountingRelayThereIsNoOverheadButStillTheMediaBytes() {
        RunReport report = StreamRunReport.of(new StreamVariant(0, 0, "none", true), Instant.now(), PLAYED,
                playReport(Map.of("ok", true, "expected", 10, "concealed", 0)), null, 4000, null);

        assertThat(report.result().has("overhead")).isFalse();
        assertThat(report.result().path("mediaBytes").asLong()).isEqualTo(4000);
    }

    @Test
    void theSummarysSnrCountsBitExactRunsInsteadOfDroppingThem() {
        RunReport exact = playReport(Map.of("identicalToSource", true));
        RunReport noisy = playReport(Map.of("snrDb", 10.0));

        assertThat(StreamSummary.snr(dev.netlab.common.report.RunGroup.of(List.of(exact, exact, noisy)).get(0)))
                .isEqualTo("exact");
        assertThat(StreamSummary.snr(dev.netlab.common.report.RunGroup.of(List.of(exact, noisy, noisy)).get(0)))
                .isEqualTo("10.0");
    }
}
