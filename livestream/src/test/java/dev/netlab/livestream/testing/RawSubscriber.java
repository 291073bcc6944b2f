package dev.netlab.livestream.testing;

import dev.netlab.livestream.rtp.Header;
import dev.netlab.livestream.rtp.MalformedPacketException;
import dev.netlab.livestream.rtp.Packet;
import dev.netlab.livestream.rtp.PacketReader;
import dev.netlab.livestream.rtp.PacketType;
import dev.netlab.livestream.rtp.PacketWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * A subscriber driven datagram by datagram from a test: a plain socket on loopback that does
 * the cookie exchange and then sends whatever control message the test builds, with its proof.
 */
public final class RawSubscriber implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private byte[] proof;
    private Packet.SessionInfo info;

    public RawSubscriber(InetSocketAddress server) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.server = server;
    }

    /** Asks for a cookie, echoes it, and returns the session info (the welcome's proof is kept). */
    public Packet.SessionInfo subscribe() throws IOException {
        send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), Packet.Subscribe.NO_COOKIE));
        Packet.Challenge challenge = await(Packet.Challenge.class);
        send(new Packet.Subscribe(Header.control(PacketType.SUBSCRIBE, 0), challenge.cookie()));
        proof = await(Packet.Welcome.class).proof();
        info = await(Packet.SessionInfo.class);
        return info;
    }

    /** The proof from the welcome. */
    public byte[] proof() {
        return proof.clone();
    }

    public int sessionId() {
        return info.header().sessionId();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public void send(Packet p) throws IOException {
        sendRaw(PacketWriter.write(p));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    /** Reads datagrams until one of the wanted type arrives (others are skipped); times out after 3 s. */
    public <T extends Packet> T await(Class<T> type) throws IOException {
        byte[] buf = new byte[1500];
        socket.setSoTimeout(3000);
        while (true) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            socket.receive(d);
            try {
                Packet p = PacketReader.read(buf, 0, d.getLength());
                if (type.isInstance(p)) {
                    return type.cast(p);
                }
            } catch (MalformedPacketException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
