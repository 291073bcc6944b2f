package dev.netlab.filetransfer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTest {

    @Test
    void parsesAPeerListInAnyCaseDroppingRepeats() {
        assertThat(Peer.parseList("nc, RSYNC,nc,iperf3")).containsExactly(Peer.NC, Peer.RSYNC, Peer.IPERF3);
    }

    @Test
    void refusesAnUnknownPeerNamingTheKnownOnes() {
        assertThatThrownBy(() -> Peer.parseList("nc,croc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown peer 'croc' (known: nc, rsync, scp, iperf3)");
    }

    @Test
    void theSkipLineNamesWhatIsMissingAndThePackageToInstall() {
        assertThat(Peer.SCP.skipMessage(List.of("sshd")))
                .isEqualTo("skipping scp: sshd not installed (apt-get install openssh-client openssh-server)");
    }
}
