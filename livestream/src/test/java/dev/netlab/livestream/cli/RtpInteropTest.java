package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.media.FrameSequence;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.SampleMediaGenerator;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.media.WavWriter;
import dev.netlab.livestream.rtp.SdpWriter;
import dev.netlab.livestream.testing.Ffmpeg;
import dev.netlab.livestream.testing.Streams;
import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg receives what {@code livestream rtp} sends (audio, and frames as RTP/JPEG), using the SDP it writes. */
class RtpInteropTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void ffmpegDecodesTheRtpStreamToTheSourceSamples() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.present(), Ffmpeg.MISSING);
        PcmAudio source = Streams.music(1.5);
        Path wav = dir.resolve("source.wav");
        WavWriter.write(wav, source);
        int port = Ffmpeg.freePortBlock();
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        Path sdp = dir.resolve("stream.sdp");
        Files.writeString(sdp, SdpWriter.describe(to, source.format(), 96, 5));
        Path received = dir.resolve("received.wav");
        Process ffmpeg = Ffmpeg.start(dir.resolve("ffmpeg.log"), "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(),
                "-c:a", "pcm_s16le", received.toString());
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Ffmpeg.portTaken(port));

            CommandRun.Result run = CommandRun.run(new LivestreamCli(), "rtp", "--to", "127.0.0.1:" + port,
                    "--audio", wav.toString(), "--sdp", dir.resolve("written.sdp").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readString(dir.resolve("written.sdp"))).isEqualTo(Files.readString(sdp));
            assertThat(ffmpeg.waitFor(20, TimeUnit.SECONDS)).as("ffmpeg ends at the RTCP BYE").isTrue();
        } finally {
            Ffmpeg.stop(ffmpeg);
        }
        PcmAudio decoded = WavReader.read(received);
        assertThat(decoded.format()).isEqualTo(source.format());
        assertThat(decoded.frameCount()).isGreaterThan(source.frameCount() * 9 / 10);
        byte[] src = source.bytes();
        byte[] out = decoded.bytes();
        int offset = indexOf(src, Arrays.copyOf(out, 4 * 64));
        assertThat(offset).as("decoded audio starts at a source sample").isGreaterThanOrEqualTo(0);
        int n = Math.min(out.length, src.length - offset);
        assertThat(Arrays.copyOf(out, n)).as("decoded samples equal the source from frame %d", offset / 4)
                .isEqualTo(Arrays.copyOfRange(src, offset, offset + n));
    }

    @Test
    @Timeout(60)
    void ffmpegDecodesEveryFrameRtpSendsAsRtpJpeg() throws Exception {
        Assumptions.assumeTrue(Ffmpeg.present(), Ffmpeg.MISSING);
        int count = 25;
        Path wav = dir.resolve("source.wav");
        WavWriter.write(wav, Streams.music(count / 25.0));
        Path frames = Files.createDirectories(dir.resolve("frames"));
        for (int i = 0; i < count; i++) {
            SampleMediaGenerator.writeJpeg(SampleMediaGenerator.drawFrame(i), frames.resolve(FrameSequence.fileName(i)));
        }
        int port = Ffmpeg.freePortBlock();
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        Path sdp = dir.resolve("stream.sdp");
        Files.writeString(sdp, SdpWriter.describe(to, Streams.music(0.1).format(), 96, 5, 25));
        Path video = dir.resolve("video.rgb");
        Process ffmpeg = Ffmpeg.start(dir.resolve("ffmpeg.log"), "-protocol_whitelist", "file,udp,rtp", "-i", sdp.toString(),
                "-map", "0:v", "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", video.toString());
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> Ffmpeg.portTaken(port) && Ffmpeg.portTaken(port + 2));

            CommandRun.Result run = CommandRun.run(new LivestreamCli(), "rtp", "--to", "127.0.0.1:" + port,
                    "--audio", wav.toString(), "--frames", frames.toString(), "--sdp", dir.resolve("written.sdp").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("and " + count + " RTP/JPEG frames");
            assertThat(Files.readString(dir.resolve("written.sdp"))).isEqualTo(Files.readString(sdp));
            assertThat(ffmpeg.waitFor(20, TimeUnit.SECONDS)).as("ffmpeg ends at the RTCP BYE").isTrue();
        } finally {
            Ffmpeg.stop(ffmpeg);
        }
        int frameBytes = SampleMediaGenerator.WIDTH * SampleMediaGenerator.HEIGHT * 3;
        assertThat(Files.size(video) / frameBytes).as("frames decoded").isEqualTo(count);
    }

    @Test
    void rtpRefusesAFrameRtpJpegCannotCarryAtStartWithOneLine() throws Exception {
        Path wav = dir.resolve("source.wav");
        WavWriter.write(wav, Streams.music(0.2));
        Path frames = Files.createDirectories(dir.resolve("frames"));
        SampleMediaGenerator.writeJpeg(new BufferedImage(2048, 8, BufferedImage.TYPE_INT_RGB), frames.resolve("frame-00000.jpg"));

        CommandRun.Result run = CommandRun.run(new LivestreamCli(), "rtp", "--to", "127.0.0.1:9", "--audio", wav.toString(),
                "--frames", frames.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: --frames " + frames + ": frame frame-00000.jpg is 2048x8:"
                + " RTP/JPEG carries at most 2040x2040");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i += 4) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
