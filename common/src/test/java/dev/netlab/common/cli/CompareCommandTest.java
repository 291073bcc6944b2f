package dev.netlab.common.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.report.RunReportJson;
import dev.netlab.common.testing.SampleReports;
import dev.netlab.common.testing.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @Test
    void showsRunsSideBySideWithRatiosToTheFirst(@TempDir Path dir) throws IOException {
        Path fast = dir.resolve("fast.json");
        Path slow = dir.resolve("slow.json");
        RunReportJson.write(SampleReports.throughputRun(800_000, 4), fast);
        RunReportJson.write(SampleReports.throughputRun(200_000, 1), slow);

        CommandRun.Result result = CommandRun.run(new CompareCommand(), fast.toString(), slow.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).containsPattern("bytesPerSecond\\s+800000\\s+200000 \\(x0\\.25\\)");
        assertThat(result.out()).containsPattern("run\\s+#1 \\(baseline\\)\\s+#2");
        assertThat(result.out()).containsPattern("config\\s+filetransfer send streams=4\\s+filetransfer send streams=1");
    }

    @Test
    void repeatsOfOneConfigurationAreSummarisedByTheirMedian(@TempDir Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        double[] rates = {100, 900, 300};
        for (int i = 0; i < rates.length; i++) {
            Path file = dir.resolve("run" + i + ".json");
            RunReportJson.write(SampleReports.throughputRun(rates[i], 1), file);
            files.add(file.toString());
        }

        CommandRun.Result result = CommandRun.run(new CompareCommand(), files.toArray(String[]::new));

        assertThat(result.out()).containsPattern("repeats\\s+3\\n");
        assertThat(result.out()).containsPattern("bytesPerSecond\\s+300\\n");
    }

    @Test
    void takesRatiosAgainstTheChosenBaseline(@TempDir Path dir) throws IOException {
        Path fast = dir.resolve("fast.json");
        Path slow = dir.resolve("slow.json");
        RunReportJson.write(SampleReports.throughputRun(800_000, 4), fast);
        RunReportJson.write(SampleReports.throughputRun(200_000, 1), slow);

        CommandRun.Result result = CommandRun.run(new CompareCommand(), "--baseline", "2", fast.toString(), slow.toString());

        assertThat(result.out()).containsPattern("bytesPerSecond\\s+800000 \\(x4\\.00\\)\\s+200000");
    }

    @Test
    void aMissingReportFailsWithExitOneAndNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        CommandRun.Result result = CommandRun.run(new CompareCommand(), missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).isEqualTo("error: " + missing + ": no such report file" + System.lineSeparator());
    }

    @Test
    void aBaselineOutOfRangeIsAUsageError(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one.json");
        RunReportJson.write(SampleReports.throughputRun(1), one);

        CommandRun.Result result = CommandRun.run(new CompareCommand(), "--baseline", "3", one.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("error: --baseline 3 is not one of the 1 configurations" + System.lineSeparator());
        assertThat(Files.exists(one)).isTrue();
    }

    @Test
    void writesASelfContainedPageWithCharts(@TempDir Path dir) throws IOException {
        Path fast = dir.resolve("fast.json");
        Path slow = dir.resolve("slow.json");
        RunReportJson.write(SampleReports.throughputRun(800_000, 4), fast);
        RunReportJson.write(SampleReports.throughputRun(200_000, 1), slow);
        Path page = dir.resolve("out/compare.html");

        CommandRun.Result result = CommandRun.run(new CompareCommand(), fast.toString(), slow.toString(), "--html", page.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("wrote " + page + " (2 charts)");
        String html = Files.readString(page);
        assertThat(html).contains("<td>filetransfer send streams=4</td>")
                .doesNotContain("http://", "https://", "<script");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(3);
    }
}
