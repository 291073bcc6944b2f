package dev.netlab.livestream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.media.WavWriter;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.Streams;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class LivestreamCliTest {

    @TempDir
    Path dir;

    private Path wav24Bit() throws Exception {
        byte[] data = new byte[600];
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(48_000)
                .putInt(48_000 * 6).putShort((short) 6).putShort((short) 24);
        b.put("data".getBytes()).putInt(data.length).put(data);
        Path file = dir.resolve("deep.wav");
        Files.write(file, b.array());
        return file;
    }

    @Test
    void serveRefusesATwentyFourBitWavWithOneLineAndExitCodeTwo() throws Exception {
        Path wav = wav24Bit();
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--audio", wav.toString(), "--port", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --audio " + wav + ": 24-bit samples; only 16-bit PCM WAV is supported");
        assertThat(r.out()).doesNotContain("listening");
    }

    @Test
    @Timeout(60)
    void playWithAReferenceReportsTheSnrOfTheWrittenAudioAndABitExactCopyIsInfinite() throws Exception {
        PcmAudio source = Streams.music(1);
        Path reference = dir.resolve("source.wav");
        WavWriter.write(reference, source);
        Path out = dir.resolve("out.wav");
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, null, "none"))) {
            CommandRun.Result r = CommandRun.run(new LivestreamCli(), "play", "127.0.0.1:" + server.localAddress().getPort(),
                    "--latency", "1s", "--out-audio", out.toString(), "--reference", reference.toString(), "--no-progress");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("end of media: 200 audio packets").contains(", SNR Infinity dB");
        }
    }

    @Test
    void serveRefusesAMissingWav() {
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--audio", dir.resolve("nope.wav").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --audio " + dir.resolve("nope.wav") + ": no such file");
    }

    @Test
    void fanoutRefusesANiceValueLinuxDoesNotHave() {
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "fanout", "--receiver-nice", "20");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--receiver-nice 20 not in 0..19");
    }

    @Test
    void badFecSchemeIsAUsageError() {
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--audio", "x.wav", "--fec", "xor-row:1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad FEC scheme 'xor-row:1'");
    }

    @Test
    void playRefusesALatencyOutsideItsBounds() {
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "play", "127.0.0.1:5004", "--latency", "2ms");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --latency 2 ms not in 10..5000 ms");
    }

    @Test
    @Timeout(30)
    void playExitsWithThreeWhenNoServerAnswers() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = s.getLocalPort();
        }
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "play", "127.0.0.1:" + port);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err().strip()).isEqualTo("error: no answer from 127.0.0.1:" + port + " within 5 s");
    }

    @Test
    @Timeout(60)
    void demoStreamsThroughLossAndWritesAWavOfTheExcerptsExactLength() throws Exception {
        // The committed samples when the tests run in the module folder; else the demo makes them.
        Path samples = Files.isDirectory(Path.of("../samples/media")) ? Path.of("../samples/media") : dir.resolve("absent");
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "demo", "--seconds", "1.5", "--out", dir.toString(),
                "--media", samples.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("lost in the network:", "recovered:", "concealed:", "SNR");
        String lastLine = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(lastLine).isEqualTo("watch it live in ffplay: " + DemoCommand.watchCommand())
                .contains("--forward 127.0.0.1:7000 --sdp /tmp/livestream-watch.sdp",
                        "ffplay -protocol_whitelist file,udp,rtp -i /tmp/livestream-watch.sdp");
        assertThat(WavReader.read(dir.resolve("received.wav")).frameCount()).isEqualTo(72_000);
    }

    @Test
    void serveOnAPortAlreadyTakenFailsWithOneLine() throws Exception {
        Path wav = dir.resolve("short.wav");
        WavWriter.write(wav, Streams.music(0.2));
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = taken.getLocalPort();
            CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--audio", wav.toString(),
                    "--port", Integer.toString(port));

            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("error: cannot bind 127.0.0.1:" + port + ": ");
        }
    }

    @Test
    void framesWithoutAPositiveFrameRateAreAUsageError() throws Exception {
        Path wav = dir.resolve("short.wav");
        WavWriter.write(wav, Streams.music(0.2));
        Path frames = Files.createDirectories(dir.resolve("frames"));
        Files.write(frames.resolve("frame-00000.jpg"), new byte[] {1, 2, 3});
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "serve", "--audio", wav.toString(),
                "--frames", frames.toString(), "--fps", "0", "--port", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --fps 0.0 not in (0, 1000]");
    }
}
