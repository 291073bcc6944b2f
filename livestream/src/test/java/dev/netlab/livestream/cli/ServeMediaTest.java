package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.media.FfmpegDecoder;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.media.WavWriter;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.sender.ServerConfig;
import dev.netlab.livestream.testing.Ffmpeg;
import dev.netlab.livestream.testing.Signals;
import dev.netlab.livestream.testing.Streams;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --media}: any file ffmpeg reads arrives as ffmpeg itself decodes it, to the sample. */
class ServeMediaTest {

    @TempDir
    Path dir;

    @BeforeEach
    void needsFfmpeg() {
        Assumptions.assumeTrue(Ffmpeg.present(), Ffmpeg.MISSING);
    }

    @Test
    @Timeout(60)
    void anMp3ArrivesAsFfmpegDecodesItWithItsExactLength() throws Exception {
        Path wav = dir.resolve("source.wav");
        WavWriter.write(wav, Streams.music(2));
        Path mp3 = dir.resolve("source.mp3");
        Ffmpeg.make("-i", wav.toString(), "-c:a", "libmp3lame", "-b:a", "128k", mp3.toString());

        assertReceivedAsFfmpegDecodes(mp3, 0);
    }

    @Test
    @Timeout(60)
    void theSampleVideoArrivesWithItsAudioAsFfmpegDecodesItAndItsFrames() throws Exception {
        Path video = Path.of("../samples/media/sample.mp4");
        Assumptions.assumeTrue(Files.isRegularFile(video), "samples/media/sample.mp4 is not here (tests run outside the module?)");

        PlayResult result = assertReceivedAsFfmpegDecodes(video, 100);
        assertThat(result.frames().frozen()).isLessThanOrEqualTo(1);
    }

    private PlayResult assertReceivedAsFfmpegDecodes(Path media, int minFrames) throws Exception {
        byte[] expected = Ffmpeg.output("-i", media.toString(), "-map", "0:a:0", "-f", "s16le", "-c:a", "pcm_s16le",
                "-ar", "48000", "-ac", "2", "-");
        Path out = dir.resolve("received.wav");
        Path frames = dir.resolve("frames");
        PlayResult result;
        ServerConfig config = new ServerConfig(new InetSocketAddress("127.0.0.1", 0), FfmpegDecoder.open(media, 25), 25,
                FecScheme.parse("rs:10+2"), false, 4, Duration.ofSeconds(3));
        try (BroadcastServer server = BroadcastServer.start(config);
             ReceiverSession session = new ReceiverSession(Streams.play(server.localAddress(), out, frames))) {
            result = session.run();
            assertThat(server.awaitEnd(Duration.ofSeconds(10))).isTrue();
            assertThat(server.mediaProblem()).isNull();
        }

        assertThat(result.ok()).as(result.outcome()).isTrue();
        PcmAudio received = WavReader.read(out);
        assertThat(received.bytes().length).as("received length").isEqualTo(expected.length);
        assertThat(Signals.snrDb(expected, received.bytes(), 0)).isGreaterThanOrEqualTo(40);
        assertThat(result.frames().complete()).isGreaterThanOrEqualTo(minFrames);
        return result;
    }

    @Test
    @Timeout(30)
    void aFileFfmpegCannotReadIsRefusedAtStartWithOneLine() throws Exception {
        Path junk = dir.resolve("junk.mp4");
        Files.write(junk, "not a film at all".getBytes());

        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--media", junk.toString(), "--port", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --media " + junk + ": ffmpeg cannot read it"
                + " (Invalid data found when processing input)");
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    @Timeout(30)
    void aFileWithoutAudioIsRefusedAtStartWithOneLine() throws Exception {
        Path silent = dir.resolve("silent.avi");
        Ffmpeg.make("-f", "lavfi", "-i", "testsrc=d=0.2:s=64x48", "-c:v", "mjpeg", silent.toString());

        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--media", silent.toString(), "--port", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --media " + silent
                + " has no audio stream: livestream needs audio to pace the stream");
    }

    @Test
    void loopIsRefusedForMediaThatIsReadOnce() throws Exception {
        Path wav = dir.resolve("source.wav");
        WavWriter.write(wav, Streams.music(0.2));

        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--media", wav.toString(), "--loop", "--port", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --loop needs media that can be read again: a WAV (and frames),"
                + " not a live source");
    }
}
