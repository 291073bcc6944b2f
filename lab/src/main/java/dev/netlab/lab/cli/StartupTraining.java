package dev.netlab.lab.cli;

import dev.netlab.common.cli.Launcher;
import dev.netlab.common.cli.StartupTrainingRun;
import dev.netlab.lab.WallClock;
import dev.netlab.lab.file.DatagramFileReceiver;
import dev.netlab.lab.file.DatagramFileSender;
import dev.netlab.lab.file.FileComparison;
import dev.netlab.lab.media.PacketArrivals;
import dev.netlab.lab.media.PlayoutTimeline;
import dev.netlab.lab.media.TcpMediaReceiver;
import dev.netlab.lab.media.TcpMediaSender;
import dev.netlab.lab.media.TcpPlayout;
import dev.netlab.lab.page.LabPage;
import dev.netlab.lab.run.FileResult;
import dev.netlab.lab.run.FileRun;
import dev.netlab.lab.run.MediaResult;
import dev.netlab.lab.run.MediaRun;
import dev.netlab.livestream.media.AudioFormat;
import dev.netlab.livestream.media.PcmAudio;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * The workload {@code bin/lab} records its start-up cache from (see {@code bin/netlab-launch}):
 * the help, a short plain-TCP media stream and a bare-UDP file send on 127.0.0.1 in this one
 * process, and the page drawn from their results, so the classes of the lab's own run are in the
 * cache. It makes no namespace and touches no network beyond loopback; it is not part of the
 * command line. Exits 0 when every step did what it does in a lab run, 1 otherwise.
 */
public final class StartupTraining {

    private static final long SECOND = 1_000_000_000L;
    private static final AudioFormat FORMAT = new AudioFormat(48_000, 2);
    /** Half a second of audio: 100 packets, enough for the send and receive paths to run hot. */
    private static final int FRAMES = 24_000;
    private static final int FILE_BYTES = 256 * 1024;

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        StartupTrainingRun.runAndExit(StartupTraining::run);
    }

    static int run(Path work) throws Exception {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        int failures = Launcher.run(new LabCli(), quiet, quiet, "run", "--help") == 0 ? 0 : 1;
        PacketArrivals arrivals = streamMedia();
        PlayoutTimeline timeline = TcpPlayout.play(arrivals, 100_000_000L, 5_000_000L).timeline();
        failures += timeline.onTimePercent() > 0 ? 0 : 1;
        FileComparison file = sendFile(work);
        failures += file.identical() ? 0 : 1;
        MediaResult media = new MediaResult(arrivals.packets(), timeline.onTimePercent(), timeline.longestStallMs(),
                new MediaResult.Latency(0, 0, 0), "send to arrival", 0, 0);
        String page = new LabPage(List.of(new MediaRun("tcp", 10, media, timeline, arrivals)),
                List.of(new FileRun("udp", 10, new FileResult(FILE_BYTES, file.bytesMissing(), file.bytesWrong(),
                        file.identical(), 0, 0, 0.1, true)))).render();
        failures += page.contains("data:image/png;base64,") ? 0 : 1;
        return failures;
    }

    private static PacketArrivals streamMedia() throws Exception {
        PcmAudio clip = new PcmAudio(FORMAT, new byte[FRAMES * FORMAT.bytesPerFrame()]);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<PacketArrivals> received = CompletableFuture.supplyAsync(() -> {
                try {
                    return new TcpMediaReceiver(listener, 100).receive(WallClock.nowNanos() + 10 * SECOND, SECOND / 2, SECOND);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            new TcpMediaSender(clip, 240).stream(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()));
            return received.get();
        }
    }

    private static FileComparison sendFile(Path work) throws Exception {
        byte[] bytes = new byte[FILE_BYTES];
        new Random(16).nextBytes(bytes);
        Path source = Files.write(work.resolve("source.bin"), bytes);
        Path out = work.resolve("received.bin");
        DatagramFileReceiver receiver = DatagramFileReceiver.bind(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), FILE_BYTES);
        CompletableFuture<DatagramFileReceiver.Outcome> received = CompletableFuture.supplyAsync(() -> {
            try {
                return receiver.receive(out, WallClock.nowNanos() + 10 * SECOND);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        new DatagramFileSender(16L * 1024 * 1024).send(source, receiver.localAddress());
        received.get();
        return FileComparison.of(source, out);
    }
}
