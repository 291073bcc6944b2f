package dev.netlab.livestream.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.cli.LivestreamCli;
import dev.netlab.livestream.impair.ImpairmentConfig;
import dev.netlab.livestream.impair.ImpairmentRelay;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SampleMediaGenerator;
import dev.netlab.livestream.rtp.RtpFormat;
import dev.netlab.livestream.rtp.SdpWriter;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.Ffmpeg;
import dev.netlab.livestream.testing.Signals;
import dev.netlab.livestream.testing.Streams;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffmpeg, as a standard player would, receives what {@code play --forward} hands on, described
 * by the SDP that play writes, and decodes it: the repaired audio and every frame.
 */
class ForwardInteropTest {

    /**
     * Playout latency of the players under test: generous, so that repairs of the lossy run
     * arrive in time on a loaded 2-core machine.
     */
    private static final String LATENCY = "2s";
    /** The servers' packet duration (Streams.server), which the SDP gives as a=ptime. */
    private static final double PACKET_MILLIS = 5;
    /** The frame rate of the servers of Streams.server. */
    private static final double FPS = 25;

    @TempDir
    Path dir;

    @BeforeEach
    void needsFfmpeg() {
        Assumptions.assumeTrue(Ffmpeg.present(), Ffmpeg.MISSING);
    }

    @Test
    @Timeout(90)
    void ffmpegHearsTheRepairedAudioThroughFivePercentLossAtThirtyDbOrBetter() throws Exception {
        PcmAudio source = Streams.music(3);
        ImpairmentConfig faults = ImpairmentConfig.NONE.withLoss(0.05, 1).withDelay(Duration.ofMillis(10), Duration.ZERO)
                .withSeed(13);
        byte[] decoded;
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, null, "rs:10+2"));
             ImpairmentRelay relay = ImpairmentRelay.start(faults, new InetSocketAddress("127.0.0.1", 0), server.localAddress())) {
            Path raw = dir.resolve("audio.raw");
            decoded = forwardAndDecode(relay.localAddress(), source, 0, raw,
                    "-map", "0:a", "-f", "s16le", "-c:a", "pcm_s16le", raw.toString());
        }

        assertThat(decoded.length).as("decoded bytes: the whole clip, concealment included").isEqualTo(source.bytes().length);
        byte[] src = source.bytes();
        int shift = Signals.bestShift(src, decoded, 2, 4800, 24_000);
        assertThat(Signals.snrDb(src, decoded, shift)).as("SNR at shift %d samples", shift).isGreaterThanOrEqualTo(30);
    }

    @Test
    @Timeout(90)
    void ffmpegDecodesEveryForwardedFrameAtThirtyFiveDbOrBetter() throws Exception {
        int count = 40;
        PcmAudio source = Streams.music(count / 25.0);
        FrameSequence frames = jpegFrames(count);
        byte[] decoded;
        int frameBytes = SampleMediaGenerator.WIDTH * SampleMediaGenerator.HEIGHT * 3;
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, frames, "rs:10+2"))) {
            Path raw = dir.resolve("video.rgb");
            decoded = forwardAndDecode(server.localAddress(), source, FPS, raw,
                    "-map", "0:v", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString());
        }

        assertThat(decoded.length / frameBytes).as("frames ffmpeg decoded").isEqualTo(count);
        for (int i = 0; i < count; i++) {
            BufferedImage original = ImageIO.read(new ByteArrayInputStream(frames.frame(i)));
            BufferedImage shown = Signals.rgbFrame(decoded, i, SampleMediaGenerator.WIDTH, SampleMediaGenerator.HEIGHT);
            assertThat(Signals.psnrDb(original, shown)).as("PSNR of frame %d", i).isGreaterThanOrEqualTo(35);
        }
    }

    /**
     * Starts ffmpeg on the SDP that describes the forward of {@code source} (and of frames at
     * {@code fps} when above 0), waits until it listens on every port of it, then runs {@code play
     * --forward --sdp} against {@code server}, checks that play wrote that same SDP, and returns what
     * ffmpeg wrote to {@code output} when it ended by itself at the RTCP BYE that ends the forward.
     * ffmpeg listens before the first packet whatever the machine's load: a player started only
     * once play's SDP appeared could lose the first packets to a slow start of its own.
     */
    private byte[] forwardAndDecode(InetSocketAddress server, PcmAudio source, double fps, Path output,
                                    String... ffmpegOutput) throws Exception {
        int port = Ffmpeg.freePortBlock();
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        Path expected = Files.writeString(dir.resolve("expected.sdp"),
                SdpWriter.describe(to, source.format(), RtpFormat.DEFAULT_PAYLOAD_TYPE, PACKET_MILLIS, fps));
        Path sdp = dir.resolve("stream.sdp");
        List<String> args = new ArrayList<>(List.of("-protocol_whitelist", "file,udp,rtp", "-i", expected.toString()));
        args.addAll(List.of(ffmpegOutput));
        Process ffmpeg = Ffmpeg.start(dir.resolve("ffmpeg.log"), args.toArray(String[]::new));
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Ffmpeg.portTaken(port)
                    && (fps == 0 || Ffmpeg.portTaken(SdpWriter.videoPort(to))));

            CommandRun.Result result = CommandRun.run(new LivestreamCli(), "play",
                    server.getHostString() + ":" + server.getPort(), "--latency", LATENCY,
                    "--forward", "127.0.0.1:" + port, "--sdp", sdp.toString());

            assertThat(result.exitCode()).as(result.err()).isZero();
            assertThat(result.out()).contains("forwarded ");
            assertThat(Files.readString(sdp)).as("the SDP play wrote").isEqualTo(Files.readString(expected));
            assertThat(ffmpeg.waitFor(20, TimeUnit.SECONDS)).as("ffmpeg ends at the RTCP BYE").isTrue();
            assertThat(ffmpeg.exitValue()).as(Files.readString(dir.resolve("ffmpeg.log"))).isZero();
        } finally {
            Ffmpeg.stop(ffmpeg);
        }
        return Files.readAllBytes(output);
    }

    private FrameSequence jpegFrames(int count) throws Exception {
        Path frames = Files.createDirectories(dir.resolve("frames"));
        for (int i = 0; i < count; i++) {
            SampleMediaGenerator.writeJpeg(SampleMediaGenerator.drawFrame(i), frames.resolve(FrameSequence.fileName(i)));
        }
        return FrameSequence.load(frames);
    }
}
