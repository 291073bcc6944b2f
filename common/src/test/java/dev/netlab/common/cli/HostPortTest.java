package dev.netlab.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {

    @Test
    void parsesHostAndPortIncludingBracketedIpv6() {
        assertThat(HostPort.parse("127.0.0.1:5004", null, 1)).isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 5004));
        assertThat(HostPort.parse("[::1]:5004", null, 1)).isEqualTo(InetSocketAddress.createUnresolved("::1", 5004));
        assertThat(HostPort.parse("localhost:9", null, 1)).isEqualTo(InetSocketAddress.createUnresolved("localhost", 9));
    }

    @Test
    void aBarePortUsesTheDefaultHost() {
        assertThat(HostPort.parse("0", "127.0.0.1", 0))
                .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 0));
    }

    @Test
    void refusesMissingHostsBadPortsAndPortsOutOfRange() {
        assertThatThrownBy(() -> HostPort.parse("5004", null, 1))
                .hasMessage("'5004' is not HOST:PORT (examples: 127.0.0.1:5004, [::1]:5004)");
        assertThatThrownBy(() -> HostPort.parse("host:http", null, 1)).hasMessage("'host:http': port 'http' is not a number");
        assertThatThrownBy(() -> HostPort.parse("host:0", null, 1)).hasMessage("'host:0': port 0 not in 1..65535");
        assertThatThrownBy(() -> HostPort.parse("70000", "127.0.0.1", 0)).hasMessage("'70000': port 70000 not in 0..65535");
    }

    @Test
    void formatsAddressesTheWayTheyAreParsed() {
        assertThat(HostPort.format(new InetSocketAddress("127.0.0.1", 5004))).isEqualTo("127.0.0.1:5004");
        assertThat(HostPort.format(new InetSocketAddress("::1", 5004))).isEqualTo("[0:0:0:0:0:0:0:1]:5004");
    }

    @Test
    void theConverterMakesBadSyntaxAUsageErrorAndResolvesLoopback() {
        assertThat(new HostPortConverter().convert("127.0.0.1:9000").getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> new HostPortConverter().convert("127.0.0.1:99999"))
                .isInstanceOf(picocli.CommandLine.TypeConversionException.class)
                .hasMessage("'127.0.0.1:99999': port 99999 not in 1..65535");
    }
}
