package dev.netlab.common.discovery;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * One UDP socket bound to the group's port and joined to the group on each of its interfaces:
 * it hears what is sent to the group and sends to it on every interface, TTL 1. Used by one
 * thread at a time for sending; receiving may run on another.
 */
final class DiscoverySocket implements Closeable {

    private final DiscoveryGroup group;
    private final MulticastSocket socket;
    /** One byte more than any datagram we accept, so an oversized one is seen as such, not truncated to fit. */
    private final byte[] receiveBuffer = new byte[AnnounceFormat.MAX_DATAGRAM + 1];

    DiscoverySocket(DiscoveryGroup group) throws IOException {
        this.group = group;
        // Bound to the wildcard address: on Linux a socket bound to the group address would do as well,
        // but the wildcard works everywhere, and the group membership decides what multicast arrives.
        MulticastSocket s = new MulticastSocket(null);
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(group.address().getPort()));
            s.setTimeToLive(DiscoveryGroup.TTL);
            // A server and a client on one host hear each other.
            s.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            for (NetworkInterface ni : group.interfaces()) {
                s.joinGroup(group.address(), ni);
            }
        } catch (IOException e) {
            s.close();
            NothingAnnouncedException failure = new NothingAnnouncedException("cannot join LAN discovery group "
                    + group.address() + ": " + e.getMessage() + "; give the server's HOST:PORT instead");
            failure.initCause(e);
            throw failure;
        }
        this.socket = s;
    }

    /** Sends {@code datagram} to the group on every interface; a failing interface does not stop the others. */
    void sendToGroup(byte[] datagram) throws IOException {
        IOException first = null;
        for (NetworkInterface ni : group.interfaces()) {
            try {
                socket.setOption(StandardSocketOptions.IP_MULTICAST_IF, ni);
                socket.send(new DatagramPacket(datagram, datagram.length, group.address()));
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null && group.interfaces().size() == 1) {
            throw first;
        }
    }

    /** A received datagram: its bytes (valid until the next receive) and its source. */
    record Received(byte[] data, int length, InetSocketAddress source) {
    }

    /** Waits up to {@code timeout} (at least 1 ms) for one datagram. */
    Optional<Received> receive(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        DatagramPacket packet = new DatagramPacket(receiveBuffer, receiveBuffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(new Received(receiveBuffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress()));
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        socket.close();
    }
}
