package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.livestream.impair.ImpairmentConfig;
import dev.netlab.livestream.impair.ImpairmentRelay;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import dev.netlab.livestream.sender.BroadcastServer;
import dev.netlab.livestream.testing.AudioAssert;
import dev.netlab.livestream.testing.Streams;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class GarbageFloodTest {

    @TempDir
    Path dir;

    /** Random bytes, forged headers with valid checksums, hostile NACKs and reports, truncated packets. */
    private static byte[] garbage(Random r) {
        switch (r.nextInt(4)) {
            case 0 -> {
                byte[] b = new byte[r.nextInt(1400)];
                r.nextBytes(b);
                return b;
            }
            case 1 -> {
                return PacketWriter.write(new Packet.Audio(new Header(PacketType.AUDIO, 0, StreamId.AUDIO,
                        r.nextInt(65536), r.nextInt(1 << 30), r.nextInt()), new byte[4 * (1 + r.nextInt(200))]));
            }
            case 2 -> {
                byte[] proof = new byte[PacketFormat.PROOF_LENGTH];
                r.nextBytes(proof);
                return PacketWriter.write(new Packet.Nack(new Header(PacketType.NACK, 0, StreamId.FRAMES, 0, 0, r.nextInt()),
                        proof, new int[] {r.nextInt(65536), r.nextInt(65536)}));
            }
            default -> {
                byte[] valid = PacketWriter.write(new Packet.FrameFragment(new Header(PacketType.FRAME_FRAGMENT, 0,
                        StreamId.FRAMES, r.nextInt(65536), r.nextInt(100), r.nextInt()), 0, 1023, new byte[600]));
                return java.util.Arrays.copyOf(valid, 20 + r.nextInt(valid.length - 20));
            }
        }
    }

    @Test
    @Timeout(60)
    void aFloodOfGarbageAndCorruptedDatagramsLeavesTheStreamBitExact() throws Exception {
        PcmAudio source = Streams.music(2);
        Path out = dir.resolve("out.wav");
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        ImpairmentConfig corrupting = ImpairmentConfig.NONE.withReorderDuplicateCorrupt(0, 0, 0.03).withSeed(3);
        AtomicBoolean flooding = new AtomicBoolean(true);
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, Streams.frames(30, 8), "xor-row:10"));
             ImpairmentRelay relay = ImpairmentRelay.start(corrupting, loopback, server.localAddress());
             ReceiverSession receiver = new ReceiverSession(Streams.play(relay.localAddress(), out, null));
             DatagramSocket attacker = new DatagramSocket(loopback)) {
            List<InetSocketAddress> targets = List.of(server.localAddress(), receiver.localAddress(), relay.localAddress());
            CompletableFuture<PlayResult> play = Streams.runAsync(receiver);
            CompletableFuture<Long> flood = CompletableFuture.supplyAsync(() -> flood(attacker, targets, flooding));

            PlayResult result = play.get(30, TimeUnit.SECONDS);
            flooding.set(false);

            assertThat(flood.get(10, TimeUnit.SECONDS)).isGreaterThan(1000);
            assertThat(result.ok()).as(result.outcome()).isTrue();
            assertThat(result.concealed()).as(result.toString()).isZero();
            AudioAssert.assertBitExact(source, WavReader.read(out));
            assertThat(result.malformed()).isGreaterThan(0);
            assertThat(server.stats().malformedReceived()).isGreaterThan(0);
        }
    }

    private static long flood(DatagramSocket socket, List<InetSocketAddress> targets, AtomicBoolean flooding) {
        Random r = new Random(99);
        long sent = 0;
        try {
            while (flooding.get()) {
                for (int i = 0; i < 30; i++) {
                    byte[] g = garbage(r);
                    socket.send(new DatagramPacket(g, g.length, targets.get(r.nextInt(targets.size()))));
                    sent++;
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sent;
    }
}
