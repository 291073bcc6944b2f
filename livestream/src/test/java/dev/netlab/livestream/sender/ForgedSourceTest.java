package dev.netlab.livestream.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.media.PcmAudio;
import dev.netlab.livestream.media.WavReader;
import dev.netlab.livestream.receiver.PlayResult;
import dev.netlab.livestream.receiver.ReceiverSession;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketFormat;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.rtp.StreamId;
import dev.netlab.livestream.testing.AudioAssert;
import dev.netlab.livestream.testing.OtherVersions;
import dev.netlab.livestream.testing.RawSubscriber;
import dev.netlab.livestream.testing.SpoofedUdp;
import dev.netlab.livestream.testing.Streams;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attacker on the LAN forges the source address of datagrams to the server (raw sockets on
 * loopback, as root): subscribes in a victim's name must draw no more than small challenges to
 * it, and goodbyes and NACKs in a subscriber's name must neither end its stream nor draw
 * retransmissions anywhere.
 */
class ForgedSourceTest {

    /** Forged copies of each datagram: bounded, and far more than one receiver ever sends. */
    private static final int COPIES = 100;

    @TempDir
    Path dir;

    @BeforeAll
    static void forgingWorksHere() {
        String reason = SpoofedUdp.unavailableReason();
        assumeTrue(reason == null, reason);
    }

    private static ServerConfig looping() {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), Streams.music(2), null, 25,
                FecScheme.parse("none"), true, 8, Duration.ofSeconds(60));
    }

    private static DatagramSocket victim() throws IOException {
        return new DatagramSocket(new InetSocketAddress(SpoofedUdp.randomLoopbackHost(), 0));
    }

    private static InetSocketAddress addressOf(DatagramSocket socket) {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Everything the socket receives until it has been quiet for {@code quietMillis}. */
    private static List<byte[]> drain(DatagramSocket socket, int quietMillis) throws IOException {
        List<byte[]> got = new ArrayList<>();
        socket.setSoTimeout(quietMillis);
        byte[] buf = new byte[2048];
        try {
            // Bounded: a server that reflected the stream would be caught long before this.
            while (got.size() < 100_000) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                socket.receive(d);
                got.add(java.util.Arrays.copyOf(buf, d.getLength()));
            }
        } catch (SocketTimeoutException quiet) {
            // done
        }
        return got;
    }

    private static Packet parse(byte[] datagram) {
        try {
            return PacketReader.read(datagram);
        } catch (MalformedPacketException e) {
            throw new AssertionError("the server sent a malformed datagram: " + e.getMessage(), e);
        }
    }

    @Test
    @Timeout(60)
    void forgedSubscribesDrawOnlySmallChallengesToTheVictimNeverMediaAndAtMostThreeTimesTheirBytes() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(looping());
             RawSubscriber listener = new RawSubscriber(server.localAddress());
             DatagramSocket victim = victim()) {
            listener.subscribe();
            listener.await(Packet.Audio.class);
            byte[] ask = PacketWriter.write(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0),
                    Packet.Subscribe.NO_COOKIE));
            byte[] guessedCookie = new byte[PacketFormat.COOKIE_LENGTH];
            new Random(17).nextBytes(guessedCookie);
            byte[] guess = PacketWriter.write(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), guessedCookie));
            byte[] versionOne = OtherVersions.versionOneSubscribe();
            long forgedBytes = (long) COPIES * (ask.length + guess.length + versionOne.length);

            SpoofedUdp.send(addressOf(victim), server.localAddress(), List.of(ask, guess, versionOne), COPIES);
            List<byte[]> reflected = drain(victim, 1500);

            long reflectedBytes = reflected.stream().mapToLong(d -> d.length).sum();
            assertThat(reflected).as("the forged datagrams reached the server and were answered").isNotEmpty();
            assertThat(reflectedBytes).as("bytes sent to the victim for %d forged", forgedBytes)
                    .isLessThanOrEqualTo(3 * forgedBytes);
            for (byte[] d : reflected) {
                assertThat(d.length).isLessThanOrEqualTo(ask.length);
                Packet p = parse(d);
                boolean challenge = p instanceof Packet.Challenge;
                boolean versionRefusal = p instanceof Packet.ServerGoodbye bye && bye.reason() == GoodbyeReason.VERSION_MISMATCH;
                assertThat(challenge || versionRefusal).as("the victim got a %s", p.header().type()).isTrue();
            }
            assertThat(reflected).as("at most one answer per forged datagram").hasSizeLessThanOrEqualTo(3 * COPIES);
            assertThat(server.subscriberCount()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(60)
    void forgedGoodbyesInARealSubscribersNameDoNotDropItAndItsPlayOutputIsIntact() throws Exception {
        PcmAudio source = Streams.music(3);
        Path out = dir.resolve("out.wav");
        try (BroadcastServer server = BroadcastServer.start(Streams.server(source, null, "none"));
             ReceiverSession receiver = new ReceiverSession(Streams.play(server.localAddress(), out, null))) {
            CompletableFuture<PlayResult> play = Streams.runAsync(receiver);
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.connected() && server.subscriberCount() == 1);
            PlayResult result;
            try (RawSubscriber attacker = new RawSubscriber(server.localAddress())) {
                attacker.subscribe();
                Header bye = Header.control(PacketType.GOODBYE, attacker.sessionId());
                byte[] withAttackersProof = PacketWriter.write(new Packet.Goodbye(bye, attacker.proof()));
                byte[] withNoProof = PacketWriter.write(new Packet.Goodbye(bye, new byte[PacketFormat.PROOF_LENGTH]));

                SpoofedUdp.send(receiver.localAddress(), server.localAddress(), List.of(withAttackersProof, withNoProof),
                        COPIES);
                await().atMost(Duration.ofSeconds(3)).until(() -> server.stats().unprovenControl() == 2L * COPIES);

                result = play.get(30, TimeUnit.SECONDS);
            }
            assertThat(result.ok()).as(result.outcome()).isTrue();
            assertThat(result.concealed()).as(result.toString()).isZero();
            AudioAssert.assertBitExact(source, WavReader.read(out));
        }
    }

    @Test
    @Timeout(60)
    void forgedNacksDrawNothingToTheVictimNorToTheSubscriberWhoseAddressTheyBear() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(looping());
             RawSubscriber listener = new RawSubscriber(server.localAddress());
             RawSubscriber attacker = new RawSubscriber(server.localAddress());
             DatagramSocket victim = victim()) {
            listener.subscribe();
            attacker.subscribe();
            int[] sequences = new int[3];
            for (int i = 0; i < sequences.length; i++) {
                sequences[i] = attacker.await(Packet.Audio.class).header().sequence();
            }
            Header nack = new Header(PacketType.NACK, 0, StreamId.AUDIO, 0, 0, attacker.sessionId());
            byte[] withAttackersProof = PacketWriter.write(new Packet.Nack(nack, attacker.proof(), sequences));
            byte[] withNoProof = PacketWriter.write(new Packet.Nack(nack, new byte[PacketFormat.PROOF_LENGTH], sequences));
            // The NACK from the attacker's own address, with its proof, is answered: forgeries
            // of it below fail for their source, not for their content.
            attacker.send(new Packet.Nack(nack, attacker.proof(), sequences));
            Packet.Audio again;
            do {
                again = attacker.await(Packet.Audio.class);
            } while (!again.header().isRetransmission());
            await().atMost(Duration.ofSeconds(3)).until(() -> server.stats().retransmissions() == sequences.length);

            SpoofedUdp.send(addressOf(victim), server.localAddress(), List.of(withAttackersProof, withNoProof), COPIES);
            SpoofedUdp.send(listener.localAddress(), server.localAddress(), List.of(withAttackersProof, withNoProof), COPIES);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().unprovenControl() == 2L * COPIES);

            assertThat(drain(victim, 1000)).as("datagrams drawn to the victim").isEmpty();
            assertThat(server.stats().retransmissions()).isEqualTo(sequences.length);
        }
    }
}
