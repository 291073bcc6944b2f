package dev.netlab.livestream.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.testing.CommandRun;
import dev.netlab.livestream.cli.LivestreamCli;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.Streams;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What {@code play --forward} puts on the wire, read by a plain socket: what play played, and no frame it cannot carry. */
class PlayerForwardTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void framesThatAreNoJpegAreSkippedWithOneReasonWhileTheAudioArrivesAsL16EndedByAnRtcpBye() throws Exception {
        PcmAudio source = Streams.music(0.6);
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, Streams.frames(15, 21), "none"));
             DatagramSocket player = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            player.setSoTimeout(20_000);
            // Room for a burst: after a CPU stall play catches up by playing (and forwarding) many packets at once.
            player.setReceiveBufferSize(4 * 1024 * 1024);
            Path sdp = dir.resolve("s.sdp");
            CompletableFuture<CommandRun.Result> play = CompletableFuture.supplyAsync(() -> CommandRun.run(new LivestreamCli(),
                    "play", "127.0.0.1:" + server.localAddress().getPort(), "--latency", "1s",
                    "--forward", "127.0.0.1:" + player.getLocalPort(), "--sdp", sdp.toString(),
                    "--out-audio", dir.resolve("played.wav").toString()));

            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            int packets = 0;
            int expectedSequence = -1;
            byte[] buf = new byte[2048];
            while (true) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                player.receive(d);
                if (packets == 0) {
                    // Written (atomically) before the first send, on the sending thread.
                    assertThat(sdp).as("the SDP a player opens exists when the first packet arrives").exists();
                }
                int type = buf[1] & 0xFF;
                if (type == 201) {
                    assertThat(d.getLength()).isEqualTo(16);
                    assertThat(buf[9] & 0xFF).as("second part is a BYE").isEqualTo(203);
                    break;
                }
                assertThat(type & 0x7F).isEqualTo(96);
                int sequence = ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF);
                assertThat(expectedSequence).as("RTP sequence without gaps").isIn(-1, sequence);
                expectedSequence = (sequence + 1) & 0xFFFF;
                for (int i = 12; i < d.getLength(); i += 2) {
                    pcm.write(buf[i + 1]); // L16 is big-endian: back to the WAV's little-endian
                    pcm.write(buf[i]);
                }
                packets++;
            }
            CommandRun.Result r = play.get();

            assertThat(r.exitCode()).as(r.err()).isZero();
            // What play played (concealment included, should a busy machine make a packet late) is what went out.
            assertThat(pcm.toByteArray()).isEqualTo(WavReader.read(dir.resolve("played.wav")).bytes());
            assertThat(pcm.size()).isEqualTo(source.bytes().length);
            assertThat(r.out()).contains("forwarded " + packets + " RTP audio packets and 0 RTP/JPEG frames to 127.0.0.1:"
                    + player.getLocalPort() + "; 15 frames not forwarded: frame 0: not a JPEG (no SOI marker),"
                    + " and it cannot be decoded to re-encode it");
            assertThat(Files.readString(sdp)).contains("m=audio " + player.getLocalPort() + " RTP/AVP 96",
                    "m=video " + (player.getLocalPort() + 2) + " RTP/AVP 26");
        }
    }

    @Test
    void aForwardPortWithoutRoomForVideoAboveItIsAUsageError() {
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "play", "127.0.0.1:5004", "--forward", "127.0.0.1:65534");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --forward port 65534 leaves no room for video at +2");
    }

    @Test
    void anSdpWithoutForwardIsAUsageError() {
        CommandRun.Result r = CommandRun.run(new LivestreamCli(), "play", "127.0.0.1:5004", "--sdp", dir.resolve("x.sdp").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --sdp describes the --forward stream: give --forward HOST:PORT too");
    }
}
