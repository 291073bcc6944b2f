package dev.netlab.livestream.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netlab.common.cli.ExitCodes;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.testing.OtherVersions;
import dev.netlab.livestream.testing.Streams;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A player meets a server of another packet format version: it says so at once. */
class ServerVersionTest {

    private static void answerFirstSubscribe(DatagramSocket fakeServer, byte[] reply) throws Exception {
        byte[] buf = new byte[1500];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        fakeServer.setSoTimeout(5000);
        fakeServer.receive(d);
        assertThat(PacketReader.read(buf, 0, d.getLength())).isInstanceOf(Packet.Subscribe.class);
        fakeServer.send(new DatagramPacket(reply, reply.length, d.getSocketAddress()));
    }

    @Test
    @Timeout(20)
    void aServerOfANewerPacketFormatIsReportedAtOnceWithExitOne() throws Exception {
        try (DatagramSocket fakeServer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             ReceiverSession session = new ReceiverSession(Streams.play(
                     (InetSocketAddress) fakeServer.getLocalSocketAddress(), null, null))) {
            CompletableFuture<PlayResult> play = Streams.runAsync(session);
            byte[] goodbye = PacketWriter.write(new Packet.ServerGoodbye(Header.control(PacketType.SERVER_GOODBYE, 1),
                    GoodbyeReason.VERSION_MISMATCH));

            answerFirstSubscribe(fakeServer, OtherVersions.resealedAs(3, goodbye));
            PlayResult result = play.get(10, TimeUnit.SECONDS);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(result.outcome()).isEqualTo("the server at 127.0.0.1:" + fakeServer.getLocalPort()
                    + " speaks livestream packet format version 3, this player 2: use the same netlab version on both ends");
        }
    }

    @Test
    @Timeout(20)
    void aServerThatRefusesThisPlayersVersionIsReportedWithExitOne() throws Exception {
        try (DatagramSocket fakeServer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             ReceiverSession session = new ReceiverSession(Streams.play(
                     (InetSocketAddress) fakeServer.getLocalSocketAddress(), null, null))) {
            CompletableFuture<PlayResult> play = Streams.runAsync(session);

            answerFirstSubscribe(fakeServer, PacketWriter.write(new Packet.ServerGoodbye(
                    Header.control(PacketType.SERVER_GOODBYE, 1), GoodbyeReason.VERSION_MISMATCH)));
            PlayResult result = play.get(10, TimeUnit.SECONDS);

            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(result.outcome())
                    .isEqualTo("the server refused this player's packet format version 2: use the same netlab version on both ends");
        }
    }
}
