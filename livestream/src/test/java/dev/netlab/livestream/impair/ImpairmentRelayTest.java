package dev.netlab.livestream.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ImpairmentRelayTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int RECEIVE_TIMEOUT_MILLIS = 5000;

    @Test
    void withoutImpairmentEveryDatagramGoesThereAndBackUnchanged() throws Exception {
        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(ImpairmentConfig.NONE, ANY_LOOPBACK_PORT, echo.address());
             DatagramSocket client = client()) {
            for (int i = 0; i < 300; i++) {
                byte[] datagram = datagram(i, 1 + (i * 37) % 1400);
                send(client, relay, datagram);
                assertThat(receive(client)).isEqualTo(datagram);
            }

            // the client can see the last echo a moment before the relay counts it as sent
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> relay.counters().snapshot(Direction.TO_CLIENT).forwarded() == 300);
            RelayCounters.Counts there = relay.counters().snapshot(Direction.TO_TARGET);
            RelayCounters.Counts back = relay.counters().snapshot(Direction.TO_CLIENT);
            assertThat(there).isEqualTo(new RelayCounters.Counts(300, 300, 0, 0, 0, 0, 0));
            assertThat(back).isEqualTo(new RelayCounters.Counts(300, 300, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void seededLossDropsExactlyTheDatagramsTheModelPredictsInEachDirection() throws Exception {
        ImpairmentConfig config = ImpairmentConfig.NONE.withLoss(0.3, 2).withSeed(1234);
        ImpairmentModel there = new ImpairmentModel(config, Direction.TO_TARGET);
        ImpairmentModel back = new ImpairmentModel(config, Direction.TO_CLIENT);
        int sent = 400;
        int expectedDroppedThere = 0;
        int expectedDroppedBack = 0;
        List<Integer> expectedEchoes = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            if (there.decide(datagram(i, 16)).isEmpty()) {
                expectedDroppedThere++;
            } else if (back.decide(datagram(i, 16)).isEmpty()) {
                expectedDroppedBack++;
            } else {
                expectedEchoes.add(i);
            }
        }

        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(config, ANY_LOOPBACK_PORT, echo.address());
             DatagramSocket client = client()) {
            List<Integer> echoes = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                send(client, relay, datagram(i, 16));
                if (expectedEchoes.contains(i)) {
                    echoes.add(ByteBuffer.wrap(receive(client)).getInt());
                }
            }
            int reachedTarget = sent - expectedDroppedThere;
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> relay.counters().snapshot(Direction.TO_TARGET).received() == sent
                            && relay.counters().snapshot(Direction.TO_CLIENT).received() == reachedTarget);

            assertThat(echoes).isEqualTo(expectedEchoes);
            assertThat(relay.counters().snapshot(Direction.TO_TARGET).dropped()).isEqualTo(expectedDroppedThere);
            assertThat(relay.counters().snapshot(Direction.TO_CLIENT).dropped()).isEqualTo(expectedDroppedBack);
            assertThat(expectedDroppedThere).isBetween(80, 160);
        }
    }

    /**
     * Asserts an order, not a duration (timings belong in benchmarks): a datagram through a
     * delaying relay is overtaken by one sent after it through an undelaying relay, on its way to
     * the target and again on its way back. The delay is long enough that only a stall of
     * seconds could keep the overtaking datagram behind.
     */
    @Test
    void delayIsAppliedInEachDirection() throws Exception {
        ImpairmentConfig delayed = ImpairmentConfig.NONE.withDelay(Duration.ofSeconds(2), Duration.ZERO);
        try (DatagramSocket target = client();
             ImpairmentRelay slow = ImpairmentRelay.start(delayed, ANY_LOOPBACK_PORT,
                     (InetSocketAddress) target.getLocalSocketAddress());
             ImpairmentRelay fast = ImpairmentRelay.start(ImpairmentConfig.NONE, ANY_LOOPBACK_PORT,
                     (InetSocketAddress) target.getLocalSocketAddress());
             DatagramSocket client = client()) {
            byte[] first = datagram(1, 100);
            byte[] second = datagram(2, 100);
            send(client, slow, first);
            send(client, fast, second);

            DatagramPacket overtaking = receivePacket(target);
            DatagramPacket overtaken = receivePacket(target);
            assertThat(bytesOf(overtaking)).as("to the target, the undelayed datagram first").isEqualTo(second);
            assertThat(bytesOf(overtaken)).isEqualTo(first);

            target.send(new DatagramPacket(first, first.length, overtaken.getSocketAddress()));
            target.send(new DatagramPacket(second, second.length, overtaking.getSocketAddress()));
            assertThat(receive(client)).as("back to the client, the undelayed answer first").isEqualTo(second);
            assertThat(receive(client)).isEqualTo(first);
        }
    }

    @Test
    void duplicationInBothDirectionsReturnsFourCopiesOfEachDatagram() throws Exception {
        ImpairmentConfig config = ImpairmentConfig.NONE.withReorderDuplicateCorrupt(0, 1, 0);
        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(config, ANY_LOOPBACK_PORT, echo.address());
             DatagramSocket client = client()) {
            for (int i = 0; i < 20; i++) {
                send(client, relay, datagram(i, 50));
                for (int copy = 0; copy < 4; copy++) {
                    assertThat(receive(client)).isEqualTo(datagram(i, 50));
                }
            }

            assertThat(relay.counters().snapshot(Direction.TO_TARGET).duplicated()).isEqualTo(20);
            assertThat(relay.counters().snapshot(Direction.TO_CLIENT).duplicated()).isEqualTo(40);
        }
    }

    @Test
    void eachClientGetsItsOwnMappingAndOnlyItsOwnReplies() throws Exception {
        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(ImpairmentConfig.NONE, ANY_LOOPBACK_PORT, echo.address());
             DatagramSocket alice = client();
             DatagramSocket bob = client()) {
            for (int i = 0; i < 50; i++) {
                send(alice, relay, ("alice " + i).getBytes());
                send(bob, relay, ("bob " + i).getBytes());
            }
            for (int i = 0; i < 50; i++) {
                assertThat(new String(receive(alice))).isEqualTo("alice " + i);
                assertThat(new String(receive(bob))).isEqualTo("bob " + i);
            }

            assertThat(relay.activeMappings()).isEqualTo(2);
            assertThat(echo.senders).hasSize(2);
        }
    }

    @Test
    void anIdleMappingExpiresAndANewOneIsMadeWhenTheClientReturns() throws Exception {
        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(ImpairmentConfig.NONE, ANY_LOOPBACK_PORT, echo.address(),
                     Duration.ofMillis(200), ImpairmentRelay.MAX_QUEUED_DATAGRAMS);
             DatagramSocket client = client()) {
            send(client, relay, datagram(1, 10));
            assertThat(receive(client)).isEqualTo(datagram(1, 10));

            await().atMost(Duration.ofSeconds(10)).until(() -> relay.activeMappings() == 0);

            send(client, relay, datagram(2, 10));
            assertThat(receive(client)).isEqualTo(datagram(2, 10));
            assertThat(echo.senders).hasSize(2);
        }
    }

    @Test
    void corruptionChangesExactlyTheBytesTheModelPredictsInEachDirection() throws Exception {
        ImpairmentConfig config = ImpairmentConfig.NONE.withReorderDuplicateCorrupt(0, 0, 0.5).withSeed(99);
        ImpairmentModel there = new ImpairmentModel(config, Direction.TO_TARGET);
        ImpairmentModel back = new ImpairmentModel(config, Direction.TO_CLIENT);
        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(config, ANY_LOOPBACK_PORT, echo.address());
             DatagramSocket client = client()) {
            int changed = 0;
            for (int i = 0; i < 100; i++) {
                byte[] datagram = datagram(i, 200);
                byte[] expected = back.decide(there.decide(datagram).get(0).datagram()).get(0).datagram();
                send(client, relay, datagram);
                byte[] echoed = receive(client);
                assertThat(echoed).isEqualTo(expected);
                changed += Arrays.equals(echoed, datagram) ? 0 : 1;
            }

            long corrupted = relay.counters().snapshot(Direction.TO_TARGET).corrupted()
                    + relay.counters().snapshot(Direction.TO_CLIENT).corrupted();
            assertThat(changed).isBetween(50, 100);
            assertThat(corrupted).isGreaterThanOrEqualTo(changed);
        }
    }

    @Test
    void aFullDelayQueueDiscardsAndCountsTheExcessInsteadOfGrowing() throws Exception {
        int capacity = 10;
        ImpairmentConfig slow = ImpairmentConfig.NONE.withDelay(Duration.ofSeconds(10), Duration.ZERO);
        try (UdpEchoPeer echo = new UdpEchoPeer();
             ImpairmentRelay relay = ImpairmentRelay.start(slow, ANY_LOOPBACK_PORT, echo.address(),
                     ImpairmentRelay.MAPPING_IDLE_TIMEOUT, capacity);
             DatagramSocket client = client()) {
            for (int i = 0; i < 25; i++) {
                send(client, relay, datagram(i, 10));
                int sent = i + 1;
                await().atMost(Duration.ofSeconds(5)).until(
                        () -> relay.counters().snapshot(Direction.TO_TARGET).received() == sent);
            }

            RelayCounters.Counts there = relay.counters().snapshot(Direction.TO_TARGET);
            assertThat(there.discarded()).isEqualTo(15);
            assertThat(there.forwarded()).isZero();
        }
    }

    @Test
    void closeStopsEveryThreadAndFreesThePort() throws Exception {
        int port;
        try (UdpEchoPeer echo = new UdpEchoPeer()) {
            ImpairmentRelay relay = ImpairmentRelay.start(
                    ImpairmentConfig.NONE.withDelay(Duration.ofSeconds(5), Duration.ZERO), ANY_LOOPBACK_PORT, echo.address());
            port = relay.port();
            try (DatagramSocket client = client()) {
                send(client, relay, datagram(1, 10));
                await().atMost(Duration.ofSeconds(5)).until(
                        () -> relay.counters().snapshot(Direction.TO_TARGET).received() == 1);
            }

            relay.close();

            assertThat(relayThreadsOf(port)).isEmpty();
            assertThat(relay.activeMappings()).isZero();
        }
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(rebound.getLocalPort()).isEqualTo(port);
        }
    }

    private static List<String> relayThreadsOf(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.equals("impair-io-" + port) || name.equals("impair-delay-" + port))
                .toList();
    }

    static DatagramSocket client() throws IOException {
        DatagramSocket socket = new DatagramSocket(ANY_LOOPBACK_PORT);
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        return socket;
    }

    static void send(DatagramSocket client, ImpairmentRelay relay, byte[] datagram) throws IOException {
        client.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), relay.port()));
    }

    static byte[] receive(DatagramSocket client) throws IOException {
        return bytesOf(receivePacket(client));
    }

    static DatagramPacket receivePacket(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no datagram within " + RECEIVE_TIMEOUT_MILLIS + " ms", e);
        }
        return packet;
    }

    static byte[] bytesOf(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
    }

    /** A datagram of {@code length} (>= 4) bytes starting with {@code id}, the rest derived from it. */
    static byte[] datagram(int id, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(4, length));
        buffer.putInt(id);
        while (buffer.hasRemaining()) {
            buffer.put((byte) (id * 31 + buffer.position()));
        }
        return buffer.array();
    }
}
