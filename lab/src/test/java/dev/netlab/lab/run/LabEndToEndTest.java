package dev.netlab.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netlab.common.netns.NetnsPair;
import dev.netlab.common.report.RunReport;
import dev.netlab.common.report.RunReportJson;
import dev.netlab.common.testing.CommandRun;
import dev.netlab.common.testing.HeadlessChromium;
import dev.netlab.lab.cli.LabCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab run} at 0 % and 10 % loss in real network namespaces, shortened (4 s of audio, a
 * 2 MiB file) so it fits a test suite. It asserts only what the physics guarantees: bare UDP
 * loses bytes at 10 %, TCP and filetransfer deliver the file identical, livestream plays more
 * packets on time than TCP at 10 %; and that the page's charts decode in a browser.
 */
class LabEndToEndTest {

    private static final Path SAMPLE = Path.of("..", "samples", "media", "sample.wav");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsNamespaces() {
        assumeTrue(NetnsPair.unavailableReason().isEmpty(), () -> "skipping: " + NetnsPair.unavailableReason().get());
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void showsEachJobOnItsProtocolAtZeroAndTenPercentLoss() throws Exception {
        Path out = dir.resolve("results");
        CommandRun.Result run = CommandRun.run(new LabCli(), "run", "--loss", "0%,10%", "--audio", SAMPLE.toString(),
                "--audio-duration", "4s", "--file-size", "2m", "--file-time-limit", "90s", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("livestream", "filetransfer", "bytes missing");

        JsonNode udp10 = result(out, "file", "udp", 10);
        assertThat(udp10.path("bytesMissing").asLong()).isPositive();
        assertThat(udp10.path("identical").asBoolean()).isFalse();
        for (String transport : new String[] {"tcp", "filetransfer"}) {
            for (int loss : new int[] {0, 10}) {
                JsonNode file = result(out, "file", transport, loss);
                assertThat(file.path("identical").asBoolean()).as(transport + " at " + loss + "%").isTrue();
                assertThat(file.path("bytesMissing").asLong()).isZero();
                assertThat(file.path("bytesWrong").asLong()).isZero();
            }
        }
        assertThat(result(out, "media", "livestream", 10).path("onTimePercent").asDouble())
                .isGreaterThan(result(out, "media", "tcp", 10).path("onTimePercent").asDouble());
        assertThat(result(out, "media", "tcp", 0).path("snrDb").isMissingNode()).isFalse();

        assertThat(namespaces()).doesNotContain(NetnsPair.NAME_PREFIX + "lab-" + ProcessHandle.current().pid() + "-");

        Path page = out.resolve("lab.html");
        assertThat(page).exists();
        if (HeadlessChromium.unavailableReason().isEmpty()) {
            Map<String, int[]> images = HeadlessChromium.decodedImages(page, out);
            assertThat(images.keySet()).contains("Playout at 10% loss: each mark is 5 ms of concealed audio",
                    "Media: packets played on time (%)",
                    "Files: bytes missing at the end, or still on the way at the time limit (% of the file)");
            images.forEach((title, size) -> assertThat(size).as(title).containsExactly(860, 420));
        }
    }

    private static JsonNode result(Path out, String experiment, String transport, int loss) throws Exception {
        RunReport report = RunReportJson.read(out.resolve(experiment + "-" + transport + "-loss" + loss + ".json"));
        assertThat(report.tool()).isEqualTo("lab");
        assertThat(report.params()).containsEntry("experiment", experiment).containsEntry("transport", transport);
        assertThat(((Number) report.params().get("lossPercent")).doubleValue()).isEqualTo(loss);
        return report.result();
    }

    private static String namespaces() throws Exception {
        Process list = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String text = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor(10, TimeUnit.SECONDS);
        return text;
    }
}
