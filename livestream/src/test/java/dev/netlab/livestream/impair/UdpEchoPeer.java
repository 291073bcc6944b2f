package dev.netlab.livestream.impair;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A loopback UDP peer for relay tests: echoes every datagram to its sender and notes who sent. */
final class UdpEchoPeer implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;
    final Set<SocketAddress> senders = ConcurrentHashMap.newKeySet();

    UdpEchoPeer() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::echo, "udp-echo-peer");
        thread.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void echo() {
        byte[] buffer = new byte[65_535];
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                senders.add(packet.getSocketAddress());
                socket.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
            }
        } catch (IOException e) {
            // the socket was closed: the peer is done
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
