package dev.netlab.livestream.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.netlab.livestream.fec.FecScheme;
import dev.netlab.livestream.rtp.GoodbyeReason;
import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import dev.netlab.livestream.testing.OtherVersions;
import dev.netlab.livestream.testing.RawSubscriber;
import dev.netlab.livestream.testing.Streams;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SubscriberLifecycleTest {

    /** Short, so the timed-out subscriber is dropped quickly. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(400);
    /** Beyond each test's time limit: no stall of a loaded machine can time a subscriber out. */
    private static final Duration NEVER_WITHIN_THE_TEST = Duration.ofSeconds(60);

    private static ServerConfig config(int maxSubscribers, Duration timeout) {
        return new ServerConfig(new InetSocketAddress("127.0.0.1", 0), Streams.music(3), null, 25,
                FecScheme.parse("none"), false, maxSubscribers, timeout);
    }

    @Test
    @Timeout(20)
    void subscriberThatStopsSendingHeartbeatsIsTimedOutAndToldSo() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, SHORT_TIMEOUT));
             RawSubscriber client = new RawSubscriber(server.localAddress())) {
            Packet.SessionInfo info = client.subscribe();
            assertThat(info.sampleRate()).isEqualTo(48_000);
            // Counted once and never undone (the subscriber count may already be back to 0 after
            // a 400 ms stall); counted just after the welcome leaves, so the client can be first.
            await().atMost(Duration.ofSeconds(3)).until(() -> server.stats().subscribersJoined() == 1);

            Packet.ServerGoodbye bye = client.await(Packet.ServerGoodbye.class);

            assertThat(bye.reason()).isEqualTo(GoodbyeReason.TIMED_OUT);
            assertThat(server.subscriberCount()).isZero();
            assertThat(server.stats().subscribersTimedOut()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void heartbeatsAreEchoedAndAGoodbyeRemovesTheSubscriber() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, NEVER_WITHIN_THE_TEST));
             RawSubscriber client = new RawSubscriber(server.localAddress())) {
            client.subscribe();
            int session = client.sessionId();
            for (int i = 0; i < 8; i++) {
                client.send(new Packet.Heartbeat(Header.control(PacketType.HEARTBEAT, session), client.proof(), 1000 + i));
                Packet.Heartbeat echo = client.await(Packet.Heartbeat.class);
                assertThat(echo.token()).isEqualTo(1000 + i);
            }
            assertThat(server.subscriberCount()).isEqualTo(1);

            client.send(new Packet.Goodbye(Header.control(PacketType.GOODBYE, session), client.proof()));

            await().atMost(Duration.ofSeconds(3)).until(() -> server.subscriberCount() == 0);
            assertThat(server.stats().subscribersTimedOut()).isZero();
        }
    }

    @Test
    @Timeout(20)
    void subscriberBeyondTheMaximumIsRefusedWithServerFull() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(1, Duration.ofSeconds(3)));
             RawSubscriber first = new RawSubscriber(server.localAddress());
             RawSubscriber second = new RawSubscriber(server.localAddress())) {
            first.subscribe();
            second.send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), Packet.Subscribe.NO_COOKIE));
            byte[] cookie = second.await(Packet.Challenge.class).cookie();
            second.send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), cookie));

            Packet.ServerGoodbye bye = second.await(Packet.ServerGoodbye.class);

            assertThat(bye.reason()).isEqualTo(GoodbyeReason.SERVER_FULL);
            assertThat(server.subscriberCount()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void nackIsAnsweredWithTheOriginalDatagramFlaggedAsRetransmissionAndADuplicatedNackOnlyOnce() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, Duration.ofSeconds(3)));
             RawSubscriber client = new RawSubscriber(server.localAddress())) {
            client.subscribe();
            Packet.Audio first = client.await(Packet.Audio.class);
            Header nackHeader = new Header(PacketType.NACK, 0, first.header().stream(), 0, 0, client.sessionId());
            Packet.Nack nack = new Packet.Nack(nackHeader, client.proof(), new int[] {first.header().sequence()});
            client.send(nack);
            client.send(nack);

            Packet.Audio again;
            do {
                again = client.await(Packet.Audio.class);
            } while (!again.header().isRetransmission());

            assertThat(again.header().sequence()).isEqualTo(first.header().sequence());
            assertThat(again.pcm()).isEqualTo(first.pcm());
            await().atMost(Duration.ofSeconds(3)).until(() -> server.stats().nackedPackets() == 2);
            assertThat(server.stats().retransmissions()).isEqualTo(1);
        }
    }

    @Test
    @Timeout(20)
    void aSubscribeWithoutTheCookieIsChallengedAndNotAdmittedAndTheChallengeIsNoLargerThanIt() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, Duration.ofSeconds(3)));
             RawSubscriber client = new RawSubscriber(server.localAddress())) {
            byte[] subscribe = PacketWriter.write(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0),
                    Packet.Subscribe.NO_COOKIE));
            client.sendRaw(subscribe);

            Packet.Challenge challenge = client.await(Packet.Challenge.class);

            assertThat(PacketWriter.write(challenge).length).isLessThanOrEqualTo(subscribe.length);
            assertThat(server.subscriberCount()).isZero();
            byte[] tampered = challenge.cookie();
            tampered[0] ^= 1;
            client.send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), tampered));
            client.await(Packet.Challenge.class);
            assertThat(server.subscriberCount()).isZero();
            // The server counts a challenge after its send returns, so the client can see it first.
            await().atMost(Duration.ofSeconds(3)).until(() -> server.stats().challengesSent() == 2);
        }
    }

    @Test
    @Timeout(20)
    void aSubscribeOfPacketFormatVersionOneIsAnsweredWithAVersionMismatchGoodbye() throws Exception {
        try (BroadcastServer server = BroadcastServer.start(config(4, Duration.ofSeconds(3)));
             RawSubscriber client = new RawSubscriber(server.localAddress())) {
            byte[] v1 = OtherVersions.versionOneSubscribe();
            client.sendRaw(v1);

            Packet.ServerGoodbye bye = client.await(Packet.ServerGoodbye.class);

            assertThat(bye.reason()).isEqualTo(GoodbyeReason.VERSION_MISMATCH);
            assertThat(PacketWriter.write(bye).length).isLessThanOrEqualTo(3 * v1.length);
            assertThat(server.subscriberCount()).isZero();
        }
    }
}
