package dev.netlab.livestream.sender;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one datagram to one subscriber or to every subscriber that has its session info
 * (1:N unicast from the one server socket). A send that fails for one subscriber is logged and
 * does not stop the others. Thread-safe ({@link DatagramSocket#send} is).
 */
final class Fanout {

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final DatagramSocket socket;
    private final SubscriberTable subscribers;
    private final SenderStats stats;

    Fanout(DatagramSocket socket, SubscriberTable subscribers, SenderStats stats) {
        this.socket = socket;
        this.subscribers = subscribers;
        this.stats = stats;
    }

    void toAll(byte[] datagram) {
        DatagramPacket packet = new DatagramPacket(datagram, datagram.length);
        for (Subscriber s : subscribers.snapshot()) {
            if (s.info() != null) {
                send(packet, s.address());
            }
        }
    }

    void to(SocketAddress address, byte[] datagram) {
        send(new DatagramPacket(datagram, datagram.length), address);
    }

    private void send(DatagramPacket packet, SocketAddress address) {
        if (socket.isClosed()) {
            return;
        }
        try {
            packet.setSocketAddress(address);
            socket.send(packet);
            stats.datagramsSent.increment();
        } catch (IOException e) {
            LOG.debug("send to {} failed: {}", address, e.toString());
        }
    }
}
