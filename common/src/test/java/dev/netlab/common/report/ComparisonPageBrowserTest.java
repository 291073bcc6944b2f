package dev.netlab.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.testing.HeadlessChromium;
import dev.netlab.common.testing.SampleReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code compare --html}'s page in headless Chromium ({@link HeadlessChromium}), as a user's
 * browser would, and checks that every chart image decoded. Skipped where Debian's chromium is
 * not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ComparisonPageBrowserTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(HeadlessChromium.unavailableReason().isEmpty(), () -> HeadlessChromium.unavailableReason().get());
    }

    @Test
    void everyChartOfTheComparisonPageDecodesInABrowser() throws Exception {
        System.setProperty("java.awt.headless", "true");
        ComparisonPage page = new ComparisonPage(sampleRuns(), 0);
        Files.writeString(dir.resolve("page.html"), page.render());

        Map<String, int[]> decoded = openInChromium();

        assertThat(page.chartTitles()).hasSize(4);
        assertThat(decoded.keySet()).containsExactlyElementsOf(page.chartTitles());
        decoded.forEach((title, size) -> assertThat(size).as(title).containsExactly(860, 420));
    }

    @Test
    void theCheckSeesAnImageThatDoesNotDecode() throws Exception {
        Files.writeString(dir.resolve("page.html"),
                "<!DOCTYPE html><html><body><img alt=\"broken\" src=\"data:image/png;base64,AAAA\"></body></html>");

        assertThat(openInChromium()).containsOnlyKeys("broken").satisfies(
                images -> assertThat(images.get("broken")).containsExactly(0, 0));
    }

    private Map<String, int[]> openInChromium() throws Exception {
        return HeadlessChromium.decodedImages(dir.resolve("page.html"), dir);
    }

    /** Throughput runs with intervals, and stream runs over loss rates for two FEC schemes. */
    private static List<RunReport> sampleRuns() {
        List<RunReport> runs = new ArrayList<>();
        runs.add(SampleReports.throughputRun(800_000, 1));
        runs.add(SampleReports.throughputRun(1_600_000, 4));
        for (String fec : List.of("none", "xor-row:4")) {
            for (int loss : new int[] {0, 5, 10}) {
                double residual = fec.equals("none") ? loss / 100.0 : loss / 400.0;
                runs.add(RunReport.of("livestream", "play", Instant.parse("2026-11-26T10:00:00Z"),
                        Map.of("loss", loss + "%", "fec", fec),
                        Map.of("expected", 1000, "concealed", (int) (residual * 1000),
                                "residualLoss", residual, "snrDb", 40 - 2.0 * loss),
                        List.of()));
            }
        }
        return runs;
    }
}
