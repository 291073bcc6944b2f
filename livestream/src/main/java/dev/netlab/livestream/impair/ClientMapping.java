package dev.netlab.livestream.impair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/**
 * One client's NAT-like mapping: the upstream channel the relay opened for it, connected to the
 * target, so that the target's replies on that channel go back to this client only.
 */
final class ClientMapping {

    final InetSocketAddress client;
    final DatagramChannel upstream;
    /** Last datagram either way, in System.nanoTime(); only the I/O thread reads and writes it. */
    long lastActiveNanos;

    ClientMapping(InetSocketAddress client, DatagramChannel upstream, long nowNanos) {
        this.client = client;
        this.upstream = upstream;
        this.lastActiveNanos = nowNanos;
    }

    /** Opens an upstream channel on the target's own (loopback) address, connected to it. */
    static DatagramChannel openUpstream(InetSocketAddress target) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(
                    target.getAddress().isLoopbackAddress() ? target.getAddress() : null, 0));
            channel.connect(target);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
