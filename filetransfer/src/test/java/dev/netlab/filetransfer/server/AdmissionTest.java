package dev.netlab.filetransfer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AdmissionTest {

    private static final AdmissionPolicy POLICY = AdmissionPolicy.DEFAULTS.withHandshakeTimeout(Duration.ofMillis(200))
            .withLimits(4, 30, 12, 100);

    private static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {127, 0, (byte) (i >> 8), (byte) i});
    }

    @Test
    void admitsEveryPeerUpToTheStartupsAndNoneAtTheUnauthenticatedCap() throws Exception {
        Admission admission = new Admission(POLICY, 10);
        for (int i = 0; i < 4; i++) {
            assertThat(admission.admit(address(i))).as("peer %d", i).isNotNull();
        }
        int admitted = 4;
        for (int i = 4; i < 1000; i++) {
            if (admission.admit(address(i)) != null) {
                admitted++;
            }
        }

        assertThat(admitted).isEqualTo(12);
        assertThat(admission.pending()).isEqualTo(12);
        assertThat(admission.summary()).isEqualTo(
                "dropped 988 peers before they authenticated in the last 1 s: 988 over the startup limit (4:30:12)");
        assertThat(admission.summary()).as("counts restart after each summary").isNull();
    }

    @Test
    void dropsBetweenStartupsAndCapAtARisingRate() {
        assertThat(POLICY.dropChance(3)).isZero();
        assertThat(POLICY.dropChance(4)).isEqualTo(30);
        assertThat(POLICY.dropChance(8)).isEqualTo(65);
        assertThat(POLICY.dropChance(12)).isEqualTo(100);
    }

    @Test
    void oneAddressGetsNoMoreThanItsShareWhileOthersStillGetIn() throws Exception {
        Admission admission = new Admission(POLICY.withLimits(10, 30, 20, 3), 10);
        List<Admission.Permit> fromOne = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fromOne.add(admission.admit(address(7)));
        }

        assertThat(fromOne).filteredOn(p -> p != null).hasSize(3);
        assertThat(admission.admit(address(8))).isNotNull();
        fromOne.get(0).close();
        assertThat(admission.admit(address(7))).as("a freed place can be taken again").isNotNull();
        assertThat(admission.summary()).contains("2 over the per-address limit (3)");
    }

    @Test
    void anAuthenticatedPeerLeavesTheUnauthenticatedPoolAndHoldsASessionSlot() throws Exception {
        Admission admission = new Admission(POLICY, 1);
        Admission.Permit first = admission.admit(address(1));
        Admission.Permit second = admission.admit(address(2));

        assertThat(first.authenticate()).isTrue();
        assertThat(admission.pending()).isEqualTo(1);
        assertThat(second.authenticate()).as("the one session slot is taken until the deadline").isFalse();
        first.close();
        Admission.Permit third = admission.admit(address(3));
        assertThat(third.authenticate()).isTrue();
        second.close();
        third.close();
        third.close();
        assertThat(admission.pending()).isZero();
        assertThat(admission.summary()).contains("1 found every session slot taken (1)");
    }
}
