package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.testing.Streams;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --audio -}: raw PCM from a real process's standard input, as from
 * {@code ffmpeg ... -f s16le - | livestream serve --audio - ...}, through the one sender path.
 */
@Timeout(60)
class ServeStdinTest {

    @TempDir
    Path dir;

    private record Run(PlayResult played, PcmAudio received, int serveExit, String serveErr) {
    }

    /** Starts serve on standard input, subscribes, then feeds it {@code input} and closes it. */
    private Run stream(byte[] input) throws Exception {
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LivestreamCli.class.getName(),
                "serve", "--audio", "-", "--rate", "48000", "--channels", "2", "--port", "0")
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).matches("listening on 127\\.0\\.0\\.1:[1-9][0-9]*");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            Path wav = dir.resolve("received.wav");
            PlayResult played;
            try (ReceiverSession session = new ReceiverSession(Streams.play(new InetSocketAddress("127.0.0.1", port), wav,
                    null))) {
                var result = Streams.runAsync(session);
                try (OutputStream in = serve.getOutputStream()) {
                    in.write(input);
                }
                played = result.get(30, TimeUnit.SECONDS);
            }
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("serve ends after the goodbye").isTrue();
            PcmAudio received = Files.exists(wav) ? WavReader.read(wav) : null;
            return new Run(played, received, serve.exitValue(), Files.readString(dir.resolve("serve.err")));
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void pcmOnStandardInputArrivesBitExactWithItsLengthAndEndsWithAGoodbye() throws Exception {
        byte[] pcm = Streams.music(1.2).bytes();

        Run run = stream(pcm);

        assertThat(run.played().ok()).as(run.played().outcome()).isTrue();
        assertThat(run.played().outcome()).isEqualTo("end of media");
        assertThat(run.received().bytes()).isEqualTo(pcm);
        assertThat(run.serveExit()).as(run.serveErr()).isZero();
    }

    @Test
    void aPartialSampleAtTheEndIsDroppedWithOneLineAndTheRestArrives() throws Exception {
        byte[] pcm = Streams.music(0.5).bytes();
        byte[] input = Arrays.copyOf(pcm, pcm.length + 3);

        Run run = stream(input);

        assertThat(run.played().ok()).isTrue();
        assertThat(run.received().bytes()).isEqualTo(pcm);
        assertThat(run.serveExit()).isEqualTo(1);
        assertThat(run.serveErr().lines().filter(l -> l.startsWith("error:")).toList()).containsExactly(
                "error: standard input ended inside a sample frame: 3 byte(s) of an incomplete 4-byte frame dropped"
                        + " after 0.500 s");
        assertThat(run.serveErr()).doesNotContain("Exception");
    }

    @Test
    void standardInputClosingBeforeAnyAudioEndsTheSubscriberWithAGoodbyeNotAHang() throws Exception {
        Run run = stream(new byte[0]);

        assertThat(run.played().ok()).as(run.played().outcome()).isTrue();
        assertThat(run.received().frameCount()).isZero();
        assertThat(run.serveExit()).isEqualTo(1);
        assertThat(run.serveErr().lines().filter(l -> l.startsWith("error:")).toList())
                .containsExactly("error: standard input ended before any audio");
    }

    @Test
    void standardInputWithoutRateAndChannelsIsAUsageError() {
        var r = dev.netlab.common.testing.CommandRun.run(new LivestreamCli(), "serve", "--audio", "-", "--port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --audio - (standard input) needs --rate HZ and --channels N");
    }
}
