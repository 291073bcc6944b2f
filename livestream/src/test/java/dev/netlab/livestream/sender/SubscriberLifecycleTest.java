package dev.netlab.livestream.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.testing.Streams;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SubscriberLifecycleTest {

    private static ServerConfig config(int maxSubscribers, Duration timeout) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), Streams.music(3), null, 25,
                FecScheme.parse("none"), false, maxSubscribers, timeout);
    }

    /** Reads datagrams until one of the wanted type arrives (others are skipped); times out after 3 s. */
    private static Packet awaitPacket(DatagramSocket socket, Class<? extends Packet> type) throws IOException {
        byte[] buf = new byte[1500];
        socket.setSoTimeout(3000);
        while (true) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            socket.receive(d);
            try {
                Packet p = PacketReader.read(buf, 0, d.getLength());
                if (type.isInstance(p)) {
                    return p;
                }
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, Packet p) throws IOException {
        byte[] bytes = PacketWriter.write(p);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static Packet.SessionInfo subscribe(DatagramSocket client, BroadcastServer server) throws IOException {
        send(client, server.localAddress(), new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0)));
        return (Packet.SessionInfo) awaitPacket(client, Packet.SessionInfo.class);
    }

    @Test
    @Timeout(20)
    void subscriberThatStopsSendingHeartbeatsIsTimedOutAndToldSo() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, Duration.ofMillis(400)));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Packet.SessionInfo info = subscribe(client, server);
            assertThat(info.sampleRate()).isEqualTo(48_000);
            assertThat(server.subscriberCount()).isEqualTo(1);

            Packet.ServerGoodbye bye = (Packet.ServerGoodbye) awaitPacket(client, Packet.ServerGoodbye.class);

            assertThat(bye.reason()).isEqualTo(GoodbyeReason.TIMED_OUT);
            assertThat(server.subscriberCount()).isZero();
            assertThat(server.stats().subscribersTimedOut()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void heartbeatsKeepASubscriberAndAreEchoedAndAGoodbyeRemovesIt() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, Duration.ofMillis(400)));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int session = subscribe(client, server).header().sessionId();
            for (int i = 0; i < 8; i++) {
                send(client, server.localAddress(), new Packet.Heartbeat(Header.control(PacketType.HEARTBEAT, session), 1000 + i));
                Packet.Heartbeat echo = (Packet.Heartbeat) awaitPacket(client, Packet.Heartbeat.class);
                assertThat(echo.token()).isEqualTo(1000 + i);
            }
            assertThat(server.subscriberCount()).isEqualTo(1);

            send(client, server.localAddress(), new Packet.Goodbye(Header.control(PacketType.GOODBYE, session)));

            await().atMost(Duration.ofSeconds(3)).until(() -> server.subscriberCount() == 0);
            assertThat(server.stats().subscribersTimedOut()).isZero();
        }
    }

    @Test
    @Timeout(20)
    void subscriberBeyondTheMaximumIsRefusedWithServerFull() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(1, Duration.ofSeconds(3)));
             DatagramSocket first = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket second = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            subscribe(first, server);
            send(second, server.localAddress(), new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0)));

            Packet.ServerGoodbye bye = (Packet.ServerGoodbye) awaitPacket(second, Packet.ServerGoodbye.class);

            assertThat(bye.reason()).isEqualTo(GoodbyeReason.SERVER_FULL);
            assertThat(server.subscriberCount()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void nackIsAnsweredWithTheOriginalDatagramFlaggedAsRetransmissionAndADuplicatedNackOnlyOnce() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, Duration.ofSeconds(3)));
             DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            Packet.SessionInfo info = subscribe(client, server);
            Packet.Audio first = (Packet.Audio) awaitPacket(client, Packet.Audio.class);
            Header nackHeader = new Header(PacketType.NACK, 0, first.header().stream(), 0, 0, info.header().sessionId());
            Packet.Nack nack = new Packet.Nack(nackHeader, new int[] {first.header().sequence()});
            send(client, server.localAddress(), nack);
            send(client, server.localAddress(), nack);

            Packet.Audio again;
            do {
                again = (Packet.Audio) awaitPacket(client, Packet.Audio.class);
            } while (!again.header().isRetransmission());

            assertThat(again.header().sequence()).isEqualTo(first.header().sequence());
            assertThat(again.pcm()).isEqualTo(first.pcm());
            await().atMost(Duration.ofSeconds(3)).until(() -> server.stats().nackedPackets() == 2);
            assertThat(server.stats().retransmissions()).isEqualTo(1);
        }
    }
}
