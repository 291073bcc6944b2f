package dev.netlab.livestream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class UdpCountingRelayTest {

    @Test
    void relaysBothWaysAndCountsTheBytesTheServerSent() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (DatagramChannel server = DatagramChannel.open().bind(loopback);
             DatagramChannel client = DatagramChannel.open().bind(loopback);
             UdpCountingRelay relay = UdpCountingRelay.start((InetSocketAddress) server.getLocalAddress())) {
            client.send(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), relay.localAddress());
            ByteBuffer received = ByteBuffer.allocate(2000);
            var from = server.receive(received);
            for (int i = 0; i < 3; i++) {
                server.send(ByteBuffer.allocate(1000), from);
            }
            for (int i = 0; i < 3; i++) {
                received.clear();
                client.receive(received);
                assertThat(received.position()).isEqualTo(1000);
            }

            assertThat(relay.toTarget()).isEqualTo(new UdpCountingRelay.Counts(1, 5));
            assertThat(relay.toClients()).isEqualTo(new UdpCountingRelay.Counts(3, 3000));
            assertThat(relay.dropped()).isZero();
        }
    }
}
