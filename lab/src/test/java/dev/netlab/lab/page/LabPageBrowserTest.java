package dev.netlab.lab.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.common.testing.HeadlessChromium;
import dev.netlab.lab.media.PacketArrivals;
import dev.netlab.lab.media.PlayoutTimeline;
import dev.netlab.lab.run.FileResult;
import dev.netlab.lab.run.FileRun;
import dev.netlab.lab.run.MediaResult;
import dev.netlab.lab.run.MediaRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's page from made-up runs (no namespaces needed): every chart is there, decodes in
 * headless Chromium at its size, the sentences name the socket concepts, and the page asks
 * for nothing over the network.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LabPageBrowserTest {

    private static final long SLOT = 5_000_000L;

    @TempDir
    Path dir;

    @Test
    void everyChartOfTheLabPageDecodesInABrowser() throws Exception {
        assumeTrue(HeadlessChromium.unavailableReason().isEmpty(), () -> HeadlessChromium.unavailableReason().get());
        System.setProperty("java.awt.headless", "true");
        LabPage page = samplePage();
        Path file = Files.writeString(dir.resolve("lab.html"), page.render());

        Map<String, int[]> decoded = HeadlessChromium.decodedImages(file, dir);

        assertThat(decoded.keySet()).containsExactlyElementsOf(page.chartTitles());
        decoded.forEach((title, size) -> assertThat(size).as(title).containsExactly(860, 420));
    }

    @Test
    void hasTheTimelineTheDelayAndTheBarsOfBothExperiments() throws Exception {
        System.setProperty("java.awt.headless", "true");
        LabPage page = samplePage();
        String html = page.render();

        assertThat(page.chartTitles()).containsExactly(
                "Playout at 10% loss: each mark is 5 ms of concealed audio",
                "TCP at 10% loss: how late each packet arrived (ms)",
                "Media: packets played on time (%)",
                "Media: longest stall, no new audio (ms)",
                "Files: bytes missing at the end, or still on the way at the time limit (% of the file)",
                "Files: time (s)");
        assertThat(html).contains("connection", "acknowledg", "retransmi", "order", "datagram");
        assertThat(html).doesNotContain("http://", "https://", "<script");
        assertThat(html.split("src=\"data:image/png;base64,[A-Za-z0-9+/=]{100,}\"", -1)).hasSize(7);
    }

    private static LabPage samplePage() {
        List<MediaRun> media = new ArrayList<>();
        List<FileRun> files = new ArrayList<>();
        for (double loss : new double[] {0, 10}) {
            boolean[] tcpSlots = new boolean[400];
            boolean[] udpSlots = new boolean[400];
            PacketArrivals arrivals = new PacketArrivals(400);
            for (int i = 0; i < 400; i++) {
                boolean stalled = loss > 0 && i >= 100 && i < 160;
                tcpSlots[i] = !stalled;
                udpSlots[i] = loss == 0 || i % 37 != 0;
                long due = 1_000_000_000L + i * SLOT;
                arrivals.arrived(i, due, due + (stalled ? (160 - i) * SLOT + 100_000_000L : 1_000_000L));
            }
            media.add(new MediaRun("tcp", loss, result(tcpSlots), new PlayoutTimeline(tcpSlots, SLOT), arrivals));
            media.add(new MediaRun("livestream", loss, result(udpSlots), new PlayoutTimeline(udpSlots, SLOT), null));
            long missing = loss == 0 ? 0 : 200_000;
            files.add(new FileRun("udp", loss, new FileResult(2_000_000, missing, missing * 5, loss == 0, 0, 0, 0.3, true)));
            files.add(new FileRun("tcp", loss, new FileResult(2_000_000, 0, 0, true, -1, -1, 0.2 + loss / 5, true)));
            files.add(new FileRun("filetransfer", loss, new FileResult(2_000_000, 0, 0, true, -1, -1, 0.5 + loss / 5, true)));
        }
        return new LabPage(media, files);
    }

    private static MediaResult result(boolean[] slots) {
        PlayoutTimeline timeline = new PlayoutTimeline(slots, SLOT);
        return new MediaResult(slots.length, timeline.onTimePercent(), timeline.longestStallMs(),
                new MediaResult.Latency(1, 300, 400), "send to arrival", 12.5, 0);
    }
}
