package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.media.WavWriter;
import dev.netlab.livestream.rtp.SdpWriter;
import dev.netlab.livestream.testing.Streams;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg receives what {@code livestream rtp} sends, using the SDP it writes. */
class RtpInteropTest {

    @TempDir
    Path dir;

    private static boolean ffmpegPresent() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean portTaken(int port) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    private static int freeEvenPort() throws SocketException {
        for (int i = 0; i < 50; i++) {
            int port;
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                port = s.getLocalPort();
            }
            if (port % 2 == 0 && port < 65535 && !portTaken(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no free even UDP port pair found");
    }

    @Test
    @Timeout(60)
    void ffmpegDecodesTheRtpStreamToTheSourceSamples() throws Exception {
        Assumptions.assumeTrue(ffmpegPresent(), "ffmpeg is not installed (apt-get install -y ffmpeg): RTP interop test skipped");
        PcmAudio source = Streams.music(1.5);
        Path wav = dir.resolve("source.wav");
        WavWriter.write(wav, source);
        int port = freeEvenPort();
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", port);
        Path sdp = dir.resolve("stream.sdp");
        Files.writeString(sdp, SdpWriter.describe(to, source.format(), 96, 5));
        Path received = dir.resolve("received.wav");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-protocol_whitelist",
                "file,udp,rtp", "-i", sdp.toString(), "-c:a", "pcm_s16le", "-y", received.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> portTaken(port));

            CommandRun.Result run = CommandRun.run(new LivestreamCli(), "rtp", "--to", "127.0.0.1:" + port,
                    "--audio", wav.toString(), "--sdp", dir.resolve("written.sdp").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readString(dir.resolve("written.sdp"))).isEqualTo(Files.readString(sdp));
            try (OutputStream in = ffmpeg.getOutputStream()) {
                in.write('q');
            }
            assertThat(ffmpeg.waitFor(20, TimeUnit.SECONDS)).as("ffmpeg exits on q").isTrue();
        } finally {
            ffmpeg.destroyForcibly();
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
