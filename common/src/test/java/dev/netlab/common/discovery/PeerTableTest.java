package dev.netlab.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PeerTableTest {

    private static Announcement announce(long instance) {
        return new Announcement(instance, "filetransfer", "1", "n" + instance, Announcement.ServiceTransport.TCP, 9000,
                OptionalInt.empty(), new byte[0]);
    }

    @Test
    void isBoundedAndKeepsTheServicesItAlreadyKnows() throws Exception {
        PeerTable table = new PeerTable();
        InetAddress source = InetAddress.getByName("10.0.0.1");
        for (long i = 0; i < PeerTable.MAX_PEERS; i++) {
            assertThat(table.record(announce(i), source, 0)).isTrue();
        }
        assertThat(table.record(announce(10_000), source, 1)).isFalse();
        assertThat(table.record(announce(3), source, 2)).as("a known service is refreshed").isTrue();
        assertThat(table.live(2)).hasSize(PeerTable.MAX_PEERS);
    }

    @Test
    void entriesExpireAndMakeRoomAgain() throws Exception {
        PeerTable table = new PeerTable();
        InetAddress source = InetAddress.getByName("10.0.0.1");
        for (long i = 0; i < PeerTable.MAX_PEERS; i++) {
            table.record(announce(i), source, 0);
        }
        long later = PeerTable.EXPIRY.toNanos() + 1;
        assertThat(table.record(announce(10_000), source, later)).isTrue();
        assertThat(table.live(later)).extracting(p -> p.announcement().instanceId()).containsExactly(10_000L);
    }

    @Test
    void floodGuardAdmitsTheRatePerSourceAndNoMore() throws Exception {
        FloodGuard guard = new FloodGuard();
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += guard.admit(a, i) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(FloodGuard.MAX_PER_SOURCE_PER_SECOND);
        assertThat(guard.admit(b, 100)).as("another source is not punished").isTrue();
        assertThat(guard.admit(a, 1_000_000_000L)).as("a new second, a new allowance").isTrue();
    }
}
