package dev.netlab.lab.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class UdpCountersTest {

    private static final List<String> SNMP = List.of(
            "Icmp: InMsgs InErrors",
            "Icmp: 3 0",
            "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors",
            "Udp: 15034 2 41 15012 37 0 0 0 0",
            "UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors IgnoredMulti MemErrors",
            "UdpLite: 0 0 0 0 99 0 0 0 0");

    @Test
    void readsTheUdpLineNotUdpLite() {
        assertThat(UdpCounters.parse(SNMP, "RcvbufErrors")).isEqualTo(37);
    }

    @Test
    void anUnknownFieldOrMissingSectionIsMinusOne() {
        assertThat(UdpCounters.parse(SNMP, "NoSuchField")).isEqualTo(-1);
        assertThat(UdpCounters.parse(SNMP.subList(0, 2), "RcvbufErrors")).isEqualTo(-1);
    }

    @Test
    void readsThisMachinesCounter() {
        assertThat(UdpCounters.receiveBufferErrors()).isGreaterThanOrEqualTo(0);
    }
}
