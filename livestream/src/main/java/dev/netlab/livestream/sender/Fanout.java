package dev.netlab.livestream.sender;

import dev.netlab.livestream.rtp.PacketFormat;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one datagram to one subscriber or to every subscriber that has its session info
 * (1:N unicast from the one server socket). A send that fails for one subscriber is logged and
 * does not stop the others. {@link #to} is thread-safe; {@link #toAll} belongs to the broadcast thread.
 */
final class Fanout {

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final DatagramChannel channel;
    private final SubscriberTable subscribers;
    private final SenderStats stats;
    /** One direct buffer reused for every copy of a fanned-out datagram (broadcast thread only). */
    private final ByteBuffer fanoutBuffer = ByteBuffer.allocateDirect(PacketFormat.MAX_DATAGRAM_LENGTH);

    Fanout(DatagramChannel channel, SubscriberTable subscribers, SenderStats stats) {
        this.channel = channel;
        this.subscribers = subscribers;
        this.stats = stats;
    }

    /** Sends to every subscriber that has its session info. Only the broadcast thread calls this. */
    void toAll(byte[] datagram) {
        if (datagram.length > fanoutBuffer.capacity()) {
            throw new IllegalArgumentException("datagram of " + datagram.length + " bytes");
        }
        fanoutBuffer.clear().put(datagram).flip();
        for (Subscriber s : subscribers.snapshot()) {
            if (s.info() != null) {
                send(fanoutBuffer.rewind(), s.address());
            }
        }
    }

    void to(SocketAddress address, byte[] datagram) {
        send(ByteBuffer.wrap(datagram), address);
    }

    private void send(ByteBuffer datagram, SocketAddress address) {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.send(datagram, address);
            stats.datagramsSent.increment();
        } catch (IOException e) {
            LOG.debug("send to {} failed: {}", address, e.toString());
        }
    }
}
