package dev.netlab.livestream.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A transparent two-way UDP relay on loopback that counts what passes: a benchmark puts it
 * between a streaming server and whatever talks to it, to learn the bytes the server put on the
 * wire (media, FEC repairs, retransmissions, control) without asking the server. Each client
 * address gets its own upstream socket, so the server sees one peer per client. One owned thread;
 * datagrams it cannot deliver are counted and dropped, never thrown.
 */
public final class UdpCountingRelay implements AutoCloseable {

    /** The largest UDP payload. */
    static final int MAX_DATAGRAM = 65_507;

    /** Clients mapped at once; a benchmark has one or a few, more is a sign of a stray sender. */
    static final int MAX_CLIENTS = 64;

    /** How long close() waits for the relay thread. */
    static final long JOIN_MILLIS = 5_000;

    /** What went one way through the relay. */
    public record Counts(long datagrams, long bytes) {
    }

    private final InetSocketAddress target;
    private final Selector selector;
    private final DatagramChannel front;
    private final Map<SocketAddress, DatagramChannel> upstreams = new LinkedHashMap<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final LongAdder datagramsToTarget = new LongAdder();
    private final LongAdder bytesToTarget = new LongAdder();
    private final LongAdder datagramsToClient = new LongAdder();
    private final LongAdder bytesToClient = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private volatile boolean closing;

    private UdpCountingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.selector = Selector.open();
        this.front = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        front.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ);
        this.thread = new Thread(this::relay, "udp-counting-relay");
        thread.setDaemon(true);
    }

    /** Starts relaying from a free loopback port to {@code target}. */
    public static UdpCountingRelay start(InetSocketAddress target) throws IOException {
        UdpCountingRelay relay = new UdpCountingRelay(target);
        relay.thread.start();
        return relay;
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) front.getLocalAddress();
    }

    /** From the target back to its clients: what the server sent. */
    public Counts toClients() {
        return new Counts(datagramsToClient.sum(), bytesToClient.sum());
    }

    /** From the clients to the target. */
    public Counts toTarget() {
        return new Counts(datagramsToTarget.sum(), bytesToTarget.sum());
    }

    /** Datagrams that could not be passed on (no room to map another client, send failed). */
    public long dropped() {
        return dropped.sum();
    }

    private void relay() {
        while (!closing) {
            try {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isValid() && key.isReadable()) {
                        if (key.channel() == front) {
                            fromClient();
                        } else {
                            fromTarget((DatagramChannel) key.channel(), (SocketAddress) key.attachment());
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                // A failed receive or send (ICMP port unreachable, closed channel) loses one datagram.
                dropped.increment();
            }
        }
    }

    private void fromClient() throws IOException {
        buffer.clear();
        SocketAddress client = front.receive(buffer);
        if (client == null) {
            return;
        }
        buffer.flip();
        DatagramChannel upstream = upstreams.get(client);
        if (upstream == null) {
            if (upstreams.size() == MAX_CLIENTS) {
                dropped.increment();
                return;
            }
            upstream = DatagramChannel.open().connect(target);
            upstream.configureBlocking(false);
            upstream.register(selector, SelectionKey.OP_READ, client);
            upstreams.put(client, upstream);
        }
        // Counted on receipt: what the client sent, whether or not it can be passed on.
        datagramsToTarget.increment();
        bytesToTarget.add(buffer.remaining());
        upstream.write(buffer);
    }

    private void fromTarget(DatagramChannel upstream, SocketAddress client) throws IOException {
        buffer.clear();
        int n = upstream.read(buffer);
        if (n < 0) {
            return;
        }
        buffer.flip();
        datagramsToClient.increment();
        bytesToClient.add(n);
        front.send(buffer, client);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closing = true;
        selector.wakeup();
        thread.join(JOIN_MILLIS);
        for (DatagramChannel upstream : upstreams.values()) {
            upstream.close();
        }
        front.close();
        selector.close();
    }
}
