package dev.netlab.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netlab.common.testing.SampleReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportJsonTest {

    @Test
    void aReportSurvivesARoundTripThroughAFile(@TempDir Path dir) throws IOException {
        RunReport report = SampleReports.throughputRun(500_000);
        Path file = dir.resolve("reports/run.json");

        RunReportJson.write(report, file);
        RunReport read = RunReportJson.read(file);

        assertThat(RunReportJson.toJson(read)).isEqualTo(RunReportJson.toJson(report));
        assertThat(read.schema()).isEqualTo(RunReport.SCHEMA);
        assertThat(read.startedAt()).isEqualTo("2026-11-26T10:00:00.123Z");
        assertThat(read.result().get("bytesPerSecond").asDouble()).isEqualTo(500_000);
        assertThat(read.host().cores()).isPositive();
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aReaderToleratesFieldsItDoesNotKnow() throws IOException {
        String json = RunReportJson.toJson(SampleReports.throughputRun(1)).replaceFirst("\\{", "{\"addedInSchema9\": [1, 2],");

        assertThat(RunReportJson.parse(json).tool()).isEqualTo("filetransfer");
    }

    @Test
    void aFileThatIsNotAReportGetsAClearError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.json"), "this is not json");

        assertThatThrownBy(() -> RunReportJson.read(file))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + " is not a netlab run report: ");
    }
}
