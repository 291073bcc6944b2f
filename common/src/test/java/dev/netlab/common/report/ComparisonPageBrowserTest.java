package dev.netlab.common.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.testing.SampleReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens {@code compare --html}'s page in headless Chromium, as a user's browser would, and checks
 * that every chart image decoded. The product page has no script; the test loads it in an iframe
 * of a wrapper page of its own, whose script writes each image's decoded size into the DOM that
 * {@code --dump-dom} prints. Skipped where Debian's chromium is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ComparisonPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern VERDICT = Pattern.compile("<p id=\"verdict\">([^<]*)</p>");
    private static final Pattern IMAGE = Pattern.compile("([^|=]+)=(\\d+)x(\\d+)");

    private static final String WRAPPER = """
            <!DOCTYPE html>
            <html><body><p id="verdict">page did not load</p>
            <iframe id="page" src="page.html" width="1000" height="800"></iframe>
            <script>
            document.getElementById('page').addEventListener('load', function () {
              var images = this.contentDocument.querySelectorAll('img');
              var seen = [];
              for (var i = 0; i < images.length; i++) {
                seen.push(images[i].alt + '=' + images[i].naturalWidth + 'x' + images[i].naturalHeight);
              }
              document.getElementById('verdict').textContent = seen.join('|');
            });
            </script></body></html>
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipping browser test: " + CHROMIUM + " not installed (apt-get install chromium)");
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
        Path wrapper = Files.writeString(dir.resolve("wrapper.html"), WRAPPER);
        Path stdout = dir.resolve("chromium.out");
        Path stderr = dir.resolve("chromium.err");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--allow-file-access-from-files",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=10000",
                "--dump-dom", wrapper.toUri().toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s").isTrue();
        } finally {
            chromium.descendants().forEach(ProcessHandle::destroyForcibly);
            chromium.destroyForcibly();
        }
        assertThat(chromium.exitValue()).as(Files.readString(stderr)).isZero();
        String dom = Files.readString(stdout);
        Matcher verdict = VERDICT.matcher(dom);
        assertThat(verdict.find()).as(dom).isTrue();
        Map<String, int[]> images = new java.util.LinkedHashMap<>();
        Matcher image = IMAGE.matcher(verdict.group(1));
        while (image.find()) {
            images.put(image.group(1), new int[] {Integer.parseInt(image.group(2)), Integer.parseInt(image.group(3))});
        }
        return images;
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
