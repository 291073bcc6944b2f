package dev.netlab.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real announcer and listener over multicast on the loopback interface, on a group and port of
 * this test's own, so parallel runs never hear each other.
 */
@Timeout(30)
class DiscoveryOnLoopbackTest {

    static DiscoveryGroup privateGroup() throws Exception {
        return DiscoveryGroup.privateOnLoopback();
    }

    /** A server's announcement; its instance id is drawn from a seed of its name, so runs repeat. */
    static Announcement server(String name, int rendezvous) {
        return new Announcement(new Random(name.hashCode()).nextLong(), "filetransfer", "0.1.0", name,
                Announcement.ServiceTransport.TCP, 9000, OptionalInt.of(rendezvous), new byte[32]);
    }

    @Test
    void listenerHearsTheServerWhileGarbageOversizedAndFloodingDatagramsArrive() throws Exception {
        DiscoveryGroup group = privateGroup();
        Announcement real = server("desk", 4711);
        try (Announcer announcer = Announcer.start(group, () -> real);
             PeerListener listener = PeerListener.start(group, "filetransfer");
             MulticastSocket attacker = new MulticastSocket()) {
            attacker.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
            attacker.setTimeToLive(1);
            Random random = new Random(42);
            // Bounded: 3 x 200 datagrams.
            for (int i = 0; i < 200; i++) {
                byte[] garbage = new byte[1 + random.nextInt(100)];
                random.nextBytes(garbage);
                send(attacker, garbage, group);
                send(attacker, new byte[AnnounceFormat.MAX_DATAGRAM + 1 + random.nextInt(1000)], group);
                send(attacker, AnnounceWriter.announce(server("forged-" + i, i)), group);
            }
            List<DiscoveredPeer> found = listener.await(p -> p.announcement().equals(real), Duration.ofSeconds(10));
            assertThat(found).extracting(DiscoveredPeer::announcement).containsExactly(real);
            assertThat(found.get(0).serviceText()).isEqualTo("127.0.0.1:9000");
            DiscoveryCounters counters = awaitCounted(listener);
            assertThat(counters.malformed()).isGreaterThan(0);
            assertThat(counters.oversized()).isGreaterThan(0);
            // 200 forged announces from one source in well under a second: most are over its rate.
            assertThat(counters.flooding()).isGreaterThan(0);
            assertThat(listener.peers().stream().filter(p -> p.announcement().name().startsWith("forged-")).count())
                    .isLessThanOrEqualTo(FloodGuard.MAX_PER_SOURCE_PER_SECOND * 2L);
        }
    }

    @Test
    void listenerIgnoresAnotherToolsAnnounces() throws Exception {
        DiscoveryGroup group = privateGroup();
        Announcement stream = new Announcement(5, "livestream", "0.1.0", "radio", Announcement.ServiceTransport.UDP,
                5004, OptionalInt.empty(), new byte[0]);
        Announcement files = server("desk", 12);
        try (Announcer a = Announcer.start(group, () -> stream);
             Announcer b = Announcer.start(group, () -> files);
             PeerListener listener = PeerListener.start(group, "livestream")) {
            List<DiscoveredPeer> found = listener.await(p -> true, Duration.ofSeconds(10));
            assertThat(found).extracting(DiscoveredPeer::announcement).containsExactly(stream);
            listener.await(p -> false, Announcer.INTERVAL.plusMillis(500));
            assertThat(listener.peers()).extracting(DiscoveredPeer::announcement).containsExactly(stream);
        }
    }

    private static DiscoveryCounters awaitCounted(PeerListener listener) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        DiscoveryCounters counters = listener.counters();
        while (System.nanoTime() < deadline && (counters.malformed() == 0 || counters.oversized() == 0)) {
            listener.await(p -> false, Duration.ofMillis(100));
            counters = listener.counters();
        }
        return counters;
    }

    private static void send(DatagramSocket socket, byte[] data, DiscoveryGroup group) throws Exception {
        socket.send(new DatagramPacket(data, data.length, group.address()));
    }
}
